package org.optline.analytics.webhooks;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.optline.platform.SecretBox;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox, on every node: claims a batch of due rows with a lease (nodes take
 * different rows), sends them side by side on a few threads of its own, then settles each one.
 * A 2xx removes the row; any other answer, or none, puts it back with a wait that doubles each
 * time ({@link WebhookProperties#backoff}) until the next attempt would come later than
 * {@link WebhookProperties#giveUpAfter} after the event: then it is given up. Every attempt goes
 * into the endpoint's delivery log. Nothing here runs on the send or tracking paths.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Batches one poll works through at most before it lets the scheduler breathe. */
    private static final int MAX_BATCHES_PER_POLL = 20;

    private final WebhookOutboxStore outbox;
    private final WebhookEndpointStore endpoints;
    private final WebhookSender sender;
    private final TenantScope scope;
    private final Clock clock;
    private final WebhookProperties settings;
    private final ExecutorService workers;
    private volatile OffsetDateTime lastPrune;

    WebhookDispatcher(WebhookOutboxStore outbox, WebhookEndpointStore endpoints, WebhookSender sender, TenantScope scope, Clock clock,
                      WebhookProperties settings) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.sender = sender;
        this.scope = scope;
        this.clock = clock;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), r -> {
            Thread t = new Thread(r, "optline-webhooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(fixedDelayString = "${optline.webhooks.poll-ms:1000}", initialDelayString = "${optline.webhooks.poll-ms:1000}")
    void poll() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_POLL && runOnce() == settings.batchSize(); i++) {
                // a full batch: more may be due
            }
            pruneLog();
        } catch (RuntimeException e) {
            log.warn("Delivering webhooks failed; trying again at the next poll", e);
        }
    }

    /** Claims one batch of due rows and makes an attempt for each; answers how many it claimed. */
    int runOnce() {
        OffsetDateTime now = Times.now(clock);
        String token = UUID.randomUUID().toString();
        List<WebhookOutboxStore.Claimed> claimed = scope.asPlatform(() -> outbox.claim(token, settings.batchSize(), now,
                now.plus(settings.lease()), scope.isPostgres()));
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<Settled>> attempts = new ArrayList<>();
        for (WebhookOutboxStore.Claimed row : claimed) {
            attempts.add(workers.submit((Callable<Settled>) () -> attempt(row)));
        }
        for (Future<Settled> attempt : attempts) {
            try {
                Settled settled = attempt.get();
                scope.asPlatform(() -> settle(settled, token));
            } catch (ExecutionException e) {
                log.warn("A webhook attempt failed unexpectedly; it is tried again when its lease ends", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.size();
            }
        }
        return claimed.size();
    }

    /** A claimed row and what its attempt came to; {@code result} null when its endpoint is gone. */
    private record Settled(WebhookOutboxStore.Claimed row, WebhookSender.Result result, OffsetDateTime at) {}

    private Settled attempt(WebhookOutboxStore.Claimed row) {
        OffsetDateTime at = Times.now(clock);
        if (row.url() == null) {
            return new Settled(row, null, at);
        }
        String secret;
        try {
            secret = endpoints.openSecret(row.endpointId(), row.secret());
        } catch (SecretBox.UnreadableSecret e) {
            return new Settled(row, new WebhookSender.Result(null, 0, "the endpoint's secret cannot be read on this node: "
                    + e.getMessage()), at);
        }
        long timestamp = at.toEpochSecond();
        String id = row.id().toString();
        String signature = WebhookSignature.sign(secret, id, timestamp, row.body());
        return new Settled(row, sender.post(row.url(), id, timestamp, signature, row.body()), at);
    }

    private void settle(Settled settled, String token) {
        WebhookOutboxStore.Claimed row = settled.row();
        WebhookSender.Result result = settled.result();
        if (result == null) {
            outbox.remove(row.id(), token); // the endpoint was deleted: nobody is waiting for it
            return;
        }
        int attempt = row.attempts() + 1;
        String outcome;
        boolean held;
        if (result.delivered()) {
            outcome = "delivered";
            held = outbox.remove(row.id(), token);
        } else {
            OffsetDateTime next = settled.at().plus(settings.backoff(attempt));
            if (next.isAfter(row.createdAt().plus(settings.giveUpAfter()))) {
                outcome = "failed";
                held = outbox.remove(row.id(), token);
            } else {
                outcome = "retrying";
                held = outbox.retry(row.id(), token, attempt, next);
            }
        }
        if (!held) {
            // Our lease ran out mid-attempt and another node took the row: its attempt is the one that counts.
            log.info("A webhook message {} was taken over while it was being sent; it may arrive twice", row.id());
        }
        outbox.log(row.clientId(), row.endpointId(), new WebhookAttempt(UUID.randomUUID(), row.id(), row.type(), attempt,
                settled.at(), result.status(), (int) Math.min(Integer.MAX_VALUE, result.millis()), result.error(), outcome));
    }

    private void pruneLog() {
        OffsetDateTime now = Times.now(clock);
        if (lastPrune != null && lastPrune.plus(Duration.ofHours(1)).isAfter(now)) {
            return;
        }
        lastPrune = now;
        scope.asPlatform(() -> outbox.pruneLog(now.minus(settings.logRetention())));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
