package org.optline.delivery.queue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.optline.campaign.CampaignDispatch;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.MailTransport;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends campaigns a batch at a time. Each round, per campaign being sent: fill its queue once
 * ({@link FillQueue}); prepare what its batches share ({@link CampaignRuns}); then several lanes
 * each claim a batch with a lease (SKIP LOCKED on PostgreSQL, so nodes take disjoint batches) and
 * pass it through the {@link BatchPipeline}, until nothing is due or the campaign stops. A pause or
 * cancel is seen before each batch, and by a watcher during one. A node that dies mid-batch leaves
 * rows whose lease runs out and which any node claims again; the only mail that can go twice is
 * what the server had accepted in that last unsettled batch (docs/delivery.md). With the capture
 * transport, messages and their "sent" mark commit together, so capture delivers exactly once.
 */
@Component
public class DeliveryWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final SendQueueStore queue;
    private final QueueCounts counts;
    private final CampaignDispatch campaigns;
    private final Transports transports;
    private final TenantScope scope;
    private final Clock clock;
    private final SendingNodes nodes;
    private final FillQueue fill;
    private final CampaignRuns runs;
    private final BatchPipeline pipeline;
    private final Duration lease;
    private final int batchSize;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final int lanes;
    private final Duration poll;
    private final ExecutorService laneRunner;
    private final ScheduledExecutorService watchers =
            Executors.newSingleThreadScheduledExecutor(threads("delivery-watcher"));

    /**
     * Daemon threads that carry the application's class loader: threads of the common pools carry
     * the system class loader, which in the packaged jar cannot see the mail libraries' services.
     */
    static ThreadFactory threads(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            t.setContextClassLoader(DeliveryWorker.class.getClassLoader());
            return t;
        };
    }

    DeliveryWorker(SendQueueStore queue, QueueCounts counts, CampaignDispatch campaigns, Transports transports, TenantScope scope,
                   SendingNodes nodes, Clock clock, DeliveryProperties settings, FillQueue fill, CampaignRuns runs,
                   BatchPipeline pipeline) {
        this.queue = queue;
        this.counts = counts;
        this.campaigns = campaigns;
        this.transports = transports;
        MailTransport transport = transports.platform();
        this.scope = scope;
        this.clock = clock;
        this.nodes = nodes;
        this.fill = fill;
        this.runs = runs;
        this.pipeline = pipeline;
        this.lease = settings.lease();
        this.batchSize = settings.batchSize();
        if (lease.compareTo(transport.longestSend(batchSize).multipliedBy(2)) < 0) {
            throw new IllegalStateException("optline.delivery.lease (" + lease + ") must be at least twice the longest a batch of "
                    + batchSize + " can take to send (" + transport.longestSend(batchSize) + "), or another node could take a "
                    + "batch that is still going out");
        }
        this.lanes = Math.max(1, settings.lanes());
        this.poll = Duration.ofMillis(settings.pollMs());
        this.laneRunner = Executors.newFixedThreadPool(this.lanes, threads("delivery-lane"));
        log.info("Delivery through {}", transport.describe());
    }

    /**
     * Closes pooled relay connections idle too long, or over this node's share, every two
     * seconds: a round can drain one campaign for hours, and the other relays' pools would wait
     * for it meanwhile (until their relay timed them out).
     */
    @PostConstruct
    void trimPoolsRegularly() {
        watchers.scheduleWithFixedDelay(() -> {
            try {
                transports.trimToShares();
            } catch (RuntimeException e) {
                log.debug("Trimming the relay pools failed", e); // and the task stays scheduled
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // Finish what is in flight rather than interrupt it: an interrupted batch would stay
        // claimed, and what the server accepted of it would go out again after the lease.
        stopping.set(true);
        laneRunner.shutdown();
        if (!laneRunner.awaitTermination(transports.platform().longestSend(batchSize).toSeconds() + 30, TimeUnit.SECONDS)) {
            log.warn("Delivery lanes still busy at shutdown; their batches return to the queue after the lease");
        }
        laneRunner.shutdownNow();
        watchers.shutdownNow();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::poll, poll, poll));
    }

    public void poll() {
        if (stopping.get() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            runOnce();
            transports.trimToShares();
        } catch (RuntimeException e) {
            log.warn("Delivery round failed", e);
        } finally {
            busy.set(false);
        }
    }

    /** One round over every campaign being sent; answers how many messages were handed over. */
    public int runOnce() {
        int sent = 0;
        for (CampaignDispatch.Sending c : campaigns.sending()) {
            try {
                sent += send(c.clientId(), c.campaignId());
            } catch (RuntimeException e) {
                // One campaign's fault (a damaged row, a client's broken settings) must not hold up the others.
                warnAtMostEveryMinute(c.campaignId(), e);
            }
        }
        return sent;
    }

    private int send(UUID clientId, UUID campaignId) {
        return switch (fill.fillOnce(clientId, campaignId)) {
            case FINISHED -> {
                campaigns.markSent(clientId, campaignId);
                yield 0;
            }
            case FILLED_ELSEWHERE -> 0;
            case OPEN -> sendQueued(clientId, campaignId);
        };
    }

    private final Map<UUID, Long> lastWarned = new ConcurrentHashMap<>();

    /** A campaign that fails every round (twice a second) is logged in full once a minute. */
    private void warnAtMostEveryMinute(UUID campaignId, RuntimeException e) {
        long now = System.nanoTime();
        Long last = lastWarned.get(campaignId);
        if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
            lastWarned.put(campaignId, now);
            log.warn("Sending campaign {} failed this round (logged once a minute while it goes on failing)", campaignId, e);
        } else {
            log.debug("Sending campaign {} failed this round", campaignId, e);
        }
    }

    private int sendQueued(UUID clientId, UUID campaignId) {
        // Counted as sharing the client's rates from the moment this node works on the campaign,
        // even in rounds that find nothing due: a node that counted only while it had rows would
        // drop out and come back with a full bucket, over and over.
        nodes.sending(clientId);
        AtomicBoolean halted = new AtomicBoolean();
        Optional<CampaignRun> opened = runs.open(clientId, campaignId, halted);
        if (opened.isEmpty()) {
            return 0; // paused, with a note for the client
        }
        CampaignRun run = opened.get();
        int batch = batchFor(run.route().transport());
        // Several lanes drain the queue side by side, each claiming its own batches, so that one
        // lane builds and signs while another waits for the SMTP server or the database.
        // Pause and cancel also stop a batch that is going out: a watcher looks at the campaign's
        // status twice a second and the transport starts no further message once it changed.
        var watcher = watchers.scheduleWithFixedDelay(() -> {
            try {
                if (!campaigns.isSending(clientId, campaignId)) {
                    halted.set(true);
                }
            } catch (RuntimeException e) {
                // A task that throws is never run again: keep watching once the database answers.
                log.debug("Could not read the status of campaign {}", campaignId, e);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        int sent = 0;
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                running.add(laneRunner.submit(() -> drain(run, batch)));
            }
            for (var lane : running) {
                try {
                    sent += lane.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return sent;
                } catch (ExecutionException e) {
                    log.warn("Delivery lane failed", e.getCause());
                }
            }
        } finally {
            watcher.cancel(false); // on every way out, or it would poll the campaign for ever
        }
        if (campaigns.isSending(clientId, campaignId)
                && scope.inClient(clientId, () -> queue.open(clientId, campaignId)) == 0) {
            scope.inClient(clientId, () -> counts.finishJob(clientId, campaignId, Times.now(clock)));
            campaigns.markSent(clientId, campaignId);
        }
        return sent;
    }

    /** One lane: claim, deliver and settle batches until the queue has nothing due or the campaign stops. */
    private int drain(CampaignRun run, int batchSize) {
        UUID clientId = run.clientId();
        UUID campaignId = run.campaignId();
        int sent = 0;
        while (!Thread.currentThread().isInterrupted() && !stopping.get()) {
            if (!campaigns.isSending(clientId, campaignId)) {
                return sent; // paused or cancelled: the rest stays queued
            }
            String token = UUID.randomUUID().toString();
            OffsetDateTime now = Times.now(clock);
            Instant claimedAt = now.toInstant();
            long t0 = System.nanoTime();
            SendQueueStore.Claim claim = scope.inClient(clientId,
                    () -> queue.claim(clientId, campaignId, token, batchSize, now, now.plus(lease)));
            if (log.isDebugEnabled()) {
                log.debug("claimed {} in {} ms", claim.ids().size(), (System.nanoTime() - t0) / 1_000_000);
            }
            if (claim.isEmpty()) {
                break;
            }
            nodes.sending(clientId); // a round can run for minutes: stay counted
            Batch batch = new Batch(run, claim, claimedAt);
            pipeline.run(batch);
            sent += batch.sent;
            if (batch.pauseReason != null) {
                return sent; // paused by the pipeline's last stage
            }
        }
        return sent;
    }

    /**
     * The configured batch size, or less for a transport whose worst case would not fit twice in
     * the lease (a client's relay with few connections): the lease must outlast every send.
     */
    private int batchFor(MailTransport transport) {
        int size = batchSize;
        while (size > 1 && lease.compareTo(transport.longestSend(size).multipliedBy(2)) < 0) {
            size /= 2;
        }
        return size;
    }
}
