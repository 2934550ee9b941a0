package org.optline.inbound.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.optline.inbound.InboundProcessingException;
import org.optline.inbound.InboundProperties;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.actions.MailActions;
import org.optline.inbound.classify.Classification;
import org.optline.inbound.classify.MailClassifier;
import org.optline.platform.ConflictException;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Processes stored inbound messages: workers on every node claim due {@code received} messages
 * (SKIP LOCKED on PostgreSQL, a conditional update on H2; a claim is a lease, so a node that dies
 * leaves its messages to others once the lease has passed), classify each one and hand it to the
 * {@link MailActions}, which record its effects and, in the same transaction, call back to mark it
 * processed. Without that mark, or when the actions throw, the attempt failed: the message is due
 * again after a doubling backoff, and after the last attempt it is set aside as unprocessable with
 * the reason. Workers are woken right after a group of messages is stored, and otherwise look
 * every {@code poll} for messages other nodes stored. While this node's listener is busy (past
 * {@code busyRate} messages a second), they take only messages that waited {@code deferWhileBusy}.
 *
 * <p>No transaction is open around the actions: they open their own (a client's or the
 * platform's, see TenantScope), and {@code markProcessed} is a plain update that joins it.
 * {@code inbound_messages} has no row-level security, so the update works in any scope.
 */
@Component
public class SpoolProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolProcessor.class);
    private static final Duration BACK_OFF = Duration.ofSeconds(1);

    private final InboundStore store;
    private final TenantScope scope;
    private final Clock clock;
    private final InboundProperties.Processing settings;
    private final ObjectProvider<MailClassifier> classifiers;
    private final ObjectProvider<MailActions> actionBeans;
    private final Counter processed;
    private final Counter unprocessable;
    private final Counter failedAttempts;
    private final Semaphore stored = new Semaphore(0);
    private final ArrivalRate arrivals;
    private final List<Thread> workers = new ArrayList<>();
    private volatile MailClassifier classifier;
    private volatile MailActions actions;
    private volatile boolean running;

    SpoolProcessor(InboundStore store, TenantScope scope, Clock clock, InboundProperties settings,
                   ObjectProvider<MailClassifier> classifiers, ObjectProvider<MailActions> actions, MeterRegistry meters) {
        this.store = store;
        this.scope = scope;
        this.clock = clock;
        this.settings = settings.processing();
        this.arrivals = new ArrivalRate(this.settings.busyRate(), clock);
        this.classifiers = classifiers;
        this.actionBeans = actions;
        this.processed = outcome(meters, "processed");
        this.unprocessable = outcome(meters, "unprocessable");
        this.failedAttempts = outcome(meters, "failed_attempt");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("optline.inbound.processing").description("Inbound messages processed, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /**
     * Called before a group of {@code messages} is written, so that they count towards the
     * listener's rate before any worker can see them stored.
     */
    void arriving(int messages) {
        arrivals.arrived(messages);
    }

    /**
     * Called after a group of messages is stored: there is work, do not wait for the poll, unless
     * the listener is busy (then the workers take only what has waited long enough, which their
     * poll finds).
     */
    void stored() {
        if (!arrivals.busy()) {
            wake();
        }
    }

    private void wake() {
        if (stored.availablePermits() == 0) {
            stored.release();
        }
    }

    /** One pass of one worker: claims up to a batch of due messages and processes each; answers how many it claimed. */
    public int runOnce() {
        if (!ready()) {
            return 0;
        }
        UUID token = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int batch = Math.max(1, settings.batch());
        // While the listener takes mail in a burst, processing would halve the rate it can take it
        // at (both want the same CPU and database): only messages that waited deferWhileBusy are
        // taken meanwhile, so none waits longer than that for this reason.
        OffsetDateTime dueBy = arrivals.busy() ? now.minus(settings.deferWhileBusy()) : now;
        List<UUID> ids = scope.asPlatform(() -> store.claim(token, batch, dueBy, now.plus(settings.lease())));
        if (ids.size() == batch) {
            wake(); // more may be waiting: another worker joins in
        }
        for (UUID id : ids) {
            process(id, token);
        }
        return ids.size();
    }

    /**
     * Stores one message for the raw API and processes it at once, in this thread; answers its
     * result. A message stored before answers its stored result, or is processed now if it is
     * still waiting and no worker holds it.
     *
     * @throws ConflictException           a worker is processing the same message right now
     * @throws InboundProcessingException  processing failed (the message stays stored, for the workers)
     */
    public InboundResult storeAndProcess(InboundStore.Incoming message) {
        if (!ready()) {
            throw new InboundProcessingException("This node has no mail classifier and actions to process messages with");
        }
        UUID token = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime leaseUntil = now.plus(settings.lease());
        Map<String, UUID> ids = scope.asPlatform(() -> store.insert(List.of(message), token, leaseUntil));
        if (!store.isPostgres()) {
            store.flushH2();
        }
        UUID id = ids.get(message.dedupeKey());
        if (!id.equals(message.id())) {
            InboundStore.Row before = store.find(id);
            if (before.isFinal()) {
                return resultOf(before);
            }
            if (!scope.asPlatform(() -> store.claimOne(id, token, now, leaseUntil))) {
                throw new ConflictException("This message is stored already and being processed now; ask again in a moment");
            }
        }
        String error = process(id, token);
        InboundStore.Row after = store.find(id);
        if (after.isFinal()) {
            return resultOf(after);
        }
        throw new InboundProcessingException("Stored, but not processed (it is tried again later): " + error);
    }

    private static InboundResult resultOf(InboundStore.Row row) {
        return row.result() != null ? row.result()
                : new InboundResult(MailKind.UNKNOWN, null, null, row.state() + ": " + row.lastError());
    }

    /** Processes one claimed message; answers null when it was marked processed, else the reason it was not. */
    private String process(UUID id, UUID token) {
        InboundStore.Claimed claimed = scope.asPlatform(() -> store.load(id, token));
        if (claimed == null) {
            return "no longer held by this worker";
        }
        Classification classification = null;
        String error;
        try {
            classification = classifier.classify(claimed.mail().raw(), claimed.mail().envelope());
            AtomicReference<InboundResult> marked = new AtomicReference<>();
            actions.apply(claimed.mail(), classification, (clientId, result) -> {
                if (!store.markProcessed(id, token, clientId, result, OffsetDateTime.now(clock))) {
                    // Rolls back the effects recorded with it: another worker holds the message now.
                    throw new IllegalStateException("Inbound message " + id + " is no longer held by this worker");
                }
                marked.set(result);
            });
            if (marked.get() != null) {
                processed.increment();
                return null;
            }
            error = "the actions returned without marking the message processed";
        } catch (RuntimeException e) {
            error = e.toString();
        }
        failed(claimed, token, classification, error);
        return error;
    }

    private void failed(InboundStore.Claimed claimed, UUID token, Classification classification, String error) {
        int attempt = claimed.attempts() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next = now.plus(backoff(attempt));
        boolean last = attempt >= settings.maxAttempts();
        InboundResult asUnprocessable = new InboundResult(classification == null ? MailKind.UNKNOWN : classification.kind(),
                classification == null ? null : classification.recipient(), classification == null ? null : classification.status(),
                "unprocessable after " + attempt + " attempts: " + error);
        try {
            scope.asPlatform(() -> store.fail(claimed.mail().id(), token, error, next, settings.maxAttempts(), asUnprocessable, now));
        } catch (RuntimeException e) {
            log.warn("Could not record a failed attempt on inbound message {}; it is due again after its lease: {}",
                    claimed.mail().id(), e.toString());
            return;
        }
        if (last) {
            unprocessable.increment();
            log.warn("Inbound message {} set aside as unprocessable after {} attempts: {}", claimed.mail().id(), attempt, error);
        } else {
            failedAttempts.increment();
            log.info("Inbound message {} not processed (attempt {}), tried again at {}: {}", claimed.mail().id(), attempt, next, error);
        }
    }

    /** The wait after attempt {@code attempt} failed: firstRetry, doubling, up to maxBackoff. */
    Duration backoff(int attempt) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < attempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private boolean ready() {
        return classifier != null && actions != null;
    }

    @Override
    public void start() {
        classifier = classifiers.getIfAvailable();
        actions = actionBeans.getIfAvailable();
        running = true;
        if (!ready()) {
            log.warn("No MailClassifier or MailActions bean: inbound messages are stored but not processed on this node");
            return;
        }
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::runUntilStopped, "inbound-worker-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    @Override
    public void stop() {
        running = false;
        stored.release(workers.size() + 1);
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the writer's phase: stops after it, before the database pool closes. */
    @Override
    public int getPhase() {
        return -1;
    }

    private void runUntilStopped() {
        int batch = Math.max(1, settings.batch());
        while (running) {
            try {
                if (runOnce() < batch) {
                    stored.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not claim inbound messages; trying again: {}", e.toString());
                try {
                    Thread.sleep(BACK_OFF.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
