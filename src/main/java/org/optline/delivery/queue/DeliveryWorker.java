package org.optline.delivery.queue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.campaign.CampaignDispatch;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.Verp;
import org.optline.delivery.dkim.DkimKeys;
import org.optline.delivery.dkim.DkimSigner;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;
import org.optline.platform.SecretBox;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends campaigns a batch at a time, top to bottom:
 * <ol>
 * <li>fill the queue once per campaign (one set-based statement);</li>
 * <li>claim a batch with a lease (SKIP LOCKED on PostgreSQL, so nodes take disjoint batches);</li>
 * <li>drop anyone suppressed or no longer active at this moment;</li>
 * <li>hold back recipients whose provider, client or platform rate is used up;</li>
 * <li>render, build and DKIM-sign the rest on all cores;</li>
 * <li>hand them to the transport and settle every recipient by the server's answer, in one
 * transaction: sent, deferred (retry later), failed (hard bounce, suppressed) or, for a refusal
 * that blames the sender, back to the queue with the campaign paused.</li>
 * </ol>
 * A pause or cancel is seen before each batch. A node that dies mid-batch leaves rows whose lease
 * runs out and which any node claims again; the only mail that can go twice is what the server had
 * accepted in that last unsettled batch (docs/delivery.md). With the capture transport, messages
 * and their "sent" mark commit together, so capture delivers exactly once.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final SendQueueStore queue;
    private final CampaignDispatch campaigns;
    private final Subscribers subscribers;
    private final Suppressions suppressions;
    private final SubscriberTokens tokens;
    private final Verp verp;
    private final DkimKeys dkim;
    private final Transports transports;
    private final RecentOptOuts optOuts;
    private final TenantScope scope;
    private final Clock clock;
    private final Throttle throttle;
    private final SendingNodes nodes;
    private final Backoff backoff;
    private final Duration maxAge;
    private final RelayOutages outages;
    private final Duration lease;
    private final int batchSize;
    private final String baseUrl;
    private final String bounceDomain;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final int lanes;
    private final ExecutorService laneRunner;
    private final ScheduledExecutorService watchers =
            Executors.newSingleThreadScheduledExecutor(threads("delivery-watcher"));
    private static final int BUILDER_THREADS = Runtime.getRuntime().availableProcessors();
    private final ExecutorService builders =
            Executors.newFixedThreadPool(BUILDER_THREADS, threads("message-builder"));

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

    public DeliveryWorker(SendQueueStore queue, CampaignDispatch campaigns, Subscribers subscribers, Suppressions suppressions,
                          SubscriberTokens tokens, Verp verp, DkimKeys dkim, Transports transports, RecentOptOuts optOuts,
                          TenantScope scope, SendingNodes nodes,
                          Clock clock, DeliveryProperties settings,
                          @Value("${optline.delivery.batch-size:200}") int batchSize,
                          @Value("${optline.delivery.lease:10m}") Duration lease,
                          @Value("${optline.delivery.lanes:3}") int lanes,
                          @Value("${optline.base-url:http://localhost:8080}") String baseUrl,
                          @Value("${optline.mail.bounce-domain:bounces.optline.local}") String bounceDomain) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.tokens = tokens;
        this.verp = verp;
        this.dkim = dkim;
        this.transports = transports;
        MailTransport transport = transports.platform();
        this.optOuts = optOuts;
        this.scope = scope;
        this.clock = clock;
        this.nodes = nodes;
        this.throttle = new Throttle(settings.throttle(), transports.destinations(), nodes);
        this.backoff = new Backoff(settings.retry());
        this.maxAge = settings.retry().maxAge();
        this.outages = new RelayOutages(settings.retry());
        this.lease = lease;
        if (lease.compareTo(transport.longestSend(batchSize).multipliedBy(2)) < 0) {
            throw new IllegalStateException("optline.delivery.lease (" + lease + ") must be at least twice the longest a batch of "
                    + batchSize + " can take to send (" + transport.longestSend(batchSize) + "), or another node could take a "
                    + "batch that is still going out");
        }
        this.lanes = Math.max(1, lanes);
        this.laneRunner = Executors.newFixedThreadPool(this.lanes, threads("delivery-lane"));
        this.batchSize = batchSize;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.bounceDomain = bounceDomain;
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
        builders.shutdownNow();
        watchers.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${optline.delivery.poll-ms:500}", initialDelayString = "${optline.delivery.poll-ms:500}")
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
        boolean finished;
        try {
            finished = jobFinishedOrFill(clientId, campaignId);
        } catch (DuplicateKeyException e) {
            // Another node filled the queue in the same moment: its job row won, and the next
            // round sends. Any other duplicate is a fault, not a race.
            if (scope.inClient(clientId, () -> queue.jobFinished(clientId, campaignId)).isEmpty()) {
                throw e;
            }
            log.debug("Another node filled the queue of campaign {}", campaignId);
            return 0;
        }
        if (finished) {
            campaigns.markSent(clientId, campaignId);
            return 0;
        }
        return sendQueued(clientId, campaignId);
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

    /** Whether the campaign's job is finished; the first node to see it fills its queue. */
    private boolean jobFinishedOrFill(UUID clientId, UUID campaignId) {
        return scope.inClient(clientId, () -> queue.jobFinished(clientId, campaignId)).orElseGet(() -> {
            CampaignDispatch.RecipientQuery q = campaigns.recipientQuery(clientId, campaignId);
            long filled = scope.inClient(clientId, () -> queue.materialize(clientId, campaignId, q.fromWhere(), q.params(),
                    Times.now(clock)));
            if (scope.isPostgres() && filled > 10_000) {
                scope.inClient(clientId, queue::analyze);
            }
            return false;
        });
    }

    private int sendQueued(UUID clientId, UUID campaignId) {
        // Counted as sharing the client's rates from the moment this node works on the campaign,
        // even in rounds that find nothing due: a node that counted only while it had rows would
        // drop out and come back with a full bucket, over and over.
        nodes.sending(clientId);
        Transports.Route route;
        CampaignDispatch.Renderer renderer;
        try {
            renderer = campaigns.renderer(clientId, campaignId);
        } catch (ValidationException e) {
            // Content stored before a content rule it breaks (the checklist refuses it today):
            // retrying every round would only fill the log, and the client must edit it.
            log.warn("Campaign {} pauses: its content no longer passes the checks: {}", campaignId, e.getMessage());
            campaigns.pauseForDelivery(clientId, campaignId, "The campaign's content no longer passes the content checks ("
                    + e.getMessage() + "). Edit it, then resume the campaign.");
            return 0;
        }
        Optional<DkimSigner> signer;
        try {
            route = transports.forClient(clientId, renderer.campaign().fromEmail());
            signer = dkim.forSender(clientId, renderer.campaign().fromEmail());
        } catch (Transports.Unusable | SecretBox.UnreadableSecret e) {
            log.warn("Campaign {} pauses: {}", campaignId, e.getMessage());
            campaigns.pauseForDelivery(clientId, campaignId, e instanceof Transports.Unusable ? e.getMessage()
                    : "The DKIM key of the From domain could not be read. Remove the sending domain and add it again "
                    + "(and publish its new DNS record), then resume the campaign.");
            return 0;
        }
        int batch = batchFor(route.transport());
        MessageBuilder builder = new MessageBuilder(clientId, renderer, tokens, verp, signer, baseUrl, bounceDomain);
        // Several lanes drain the queue side by side, each claiming its own batches, so that one
        // lane builds and signs while another waits for the SMTP server or the database.
        // Pause and cancel also stop a batch that is going out: a watcher looks at the campaign's
        // status twice a second and the transport starts no further message once it changed.
        AtomicBoolean halted = new AtomicBoolean();
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
                running.add(laneRunner.submit(() -> drain(clientId, campaignId, builder, route, batch, halted)));
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
            scope.inClient(clientId, () -> queue.finishJob(clientId, campaignId, Times.now(clock)));
            campaigns.markSent(clientId, campaignId);
        }
        return sent;
    }

    /** One lane: claim, deliver and settle batches until the queue has nothing due or the campaign stops. */
    private int drain(UUID clientId, UUID campaignId, MessageBuilder builder, Transports.Route route, int batchSize,
                      AtomicBoolean halted) {
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
                    () -> queue.claim(clientId, campaignId, token, batchSize, now, now.plus(lease), scope.isPostgres()));
            if (log.isDebugEnabled()) {
                log.debug("claimed {} in {} ms", claim.ids().size(), (System.nanoTime() - t0) / 1_000_000);
            }
            if (claim.isEmpty()) {
                break;
            }
            nodes.sending(clientId); // a round can run for minutes: stay counted
            Round round = deliver(clientId, campaignId, claim, claimedAt, builder, route, halted);
            sent += round.sent();
            if (round.pauseReason() != null) {
                campaigns.pauseForDelivery(clientId, campaignId, round.pauseReason());
                return sent;
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

    /**
     * How far apart the clocks of two nodes may be: another node decides that a lease ran out by
     * its own clock. NTP keeps real clocks far closer than this.
     */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    /**
     * Whether a batch claimed at {@code claimedAt} needs its lease renewed before sending at
     * {@code now}: unless the send, at its longest, ends a clock margin before the claim's lease
     * does, another node could take the batch while it is still going out.
     */
    static boolean renewalNeeded(Instant claimedAt, Instant now, Duration longestSend, Duration lease) {
        return !now.plus(longestSend).plus(CLOCK_MARGIN).isBefore(claimedAt.plus(lease));
    }

    /** What one batch came to: messages accepted, and why the campaign must pause, if it must. */
    private record Round(int sent, String pauseReason) {}

    private Round deliver(UUID clientId, UUID campaignId, SendQueueStore.Claim claim, Instant claimedAt,
                          MessageBuilder builder, Transports.Route route, AtomicBoolean halted) {
        MailTransport transport = route.transport();
        List<UUID> batch = claim.ids();
        // Checked now, not when the queue was filled: an unsubscribe a moment ago stops this mail.
        long t0 = System.nanoTime();
        List<Subscriber> people = subscribers.forDelivery(clientId, batch);
        Map<String, Subscriber> byHash = new LinkedHashMap<>();
        Map<UUID, String> domains = new HashMap<>();
        for (Subscriber p : people) {
            // Normalised when it was stored: parsing it again here took a quarter of a lane's time.
            EmailAddress address = new EmailAddress(p.email());
            byHash.put(address.hash(), p);
            domains.put(p.id(), address.domain());
        }
        Set<String> suppressed = suppressions.suppressedHashes(clientId, byHash.keySet());

        List<Subscriber> go = new ArrayList<>();
        List<UUID> later = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (var entry : byHash.entrySet()) {
            Subscriber person = entry.getValue();
            if (suppressed.contains(entry.getKey()) || person.status() != SubscriberStatus.ACTIVE) {
                continue;
            }
            var throttled = throttle.admit(clientId, domains.get(person.id()), route.relayOf(), route.maxRate());
            if (throttled.isPresent()) {
                later.add(person.id());
                wait = wait.compareTo(throttled.get()) < 0 ? throttled.get() : wait;
            } else {
                go.add(person);
            }
        }
        Set<UUID> going = new HashSet<>(later);
        go.forEach(p -> going.add(p.id()));
        List<UUID> skipped = new ArrayList<>();
        for (UUID id : batch) {
            if (!going.contains(id)) {
                skipped.add(id);
            }
        }

        Instant date = clock.instant();
        long t1 = System.nanoTime();
        Built built = buildOnAllCores(go, builder, date);
        // The last look, right before the wire: someone who opted out while the batch was built.
        List<Envelope> envelopes = new ArrayList<>(built.envelopes().size());
        for (Envelope e : built.envelopes()) {
            if (optOuts.contains(clientId, e.subscriberId())) {
                skipped.add(e.subscriberId());
            } else {
                envelopes.add(e);
            }
        }
        long t2 = System.nanoTime();
        Duration postponeBy = wait.plusMillis(100);
        Settled settled;
        String relayDown = null;
        // The batch may have taken a while to build. If the claim's lease might run out before the
        // send is over, renew it and make sure the batch is still ours; if another node took it
        // meanwhile, that node sends it. Usually the claim is a second old and its lease covers the
        // whole send many times over, and the renewal is skipped.
        Instant leaseEnds = claimedAt.plus(lease);
        if (!envelopes.isEmpty() && renewalNeeded(claimedAt, clock.instant(), transport.longestSend(batch.size()), lease)) {
            OffsetDateTime renewedUntil = Times.now(clock).plus(lease);
            if (!scope.inClient(clientId, () -> queue.renew(clientId, campaignId, claim, renewedUntil))) {
                log.warn("A batch of campaign {} was taken over before it went out; leaving it to the node that has it", campaignId);
                scope.inClient(clientId, () -> queue.release(clientId, campaignId, claim)); // what is still ours goes back at once
                return new Round(0, null);
            }
            leaseEnds = renewedUntil.toInstant();
        }
        Instant settleGivesUpAt = leaseEnds.minus(CLOCK_MARGIN);
        if (transport.transactional()) {
            settled = scope.inClient(clientId, () -> settle(clientId, campaignId, claim,
                    withFailures(transport.send(envelopes, halted::get), built), skipped, later, postponeBy));
        } else {
            List<Outcome> sentOutcomes = transport.send(envelopes, halted::get);
            relayDown = outages.pauseReason(route.transport(), route.relayOf() == null, sentOutcomes, clock.instant());
            if (relayDown != null) {
                // Nobody was offered anything: they wait, untouched, for the resume.
                sentOutcomes = sentOutcomes.stream().map(o -> new Outcome(o.subscriberId(), SmtpReply.NOT_SENT)).toList();
            }
            List<Outcome> outcomes = withFailures(sentOutcomes, built);
            long t3 = System.nanoTime();
            settled = SettleRetries.untilStored(
                    () -> scope.inClient(clientId, () -> settle(clientId, campaignId, claim, outcomes, skipped, later, postponeBy)),
                    settleGivesUpAt, clock, "a batch of campaign " + campaignId);
            if (log.isDebugEnabled()) {
                log.debug("batch of {}: load {} ms, build {} ms, send {} ms, settle {} ms", batch.size(), (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
            }
        }
        // A dead address is dead for every client, but only the platform's own transport is
        // trusted to say so: a client's relay could otherwise suppress addresses for everyone.
        if (route.relayOf() == null) {
            settled.bounced().forEach((email, reply) -> suppressions.suppressPlatformWide(email,
                    SuppressionReason.BOUNCED, "hard bounce: " + clip(reply, 150)));
        }
        String pauseReason = relayDown != null ? relayDown
                : settled.senderBlocked() == null ? null : blockedNote(route.relayOf() == null, settled.senderBlocked());
        return new Round(settled.sent(), pauseReason);
    }

    /** Why the campaign pauses, as its client reads it: the platform relay's own errors stay in the log. */
    static String blockedNote(boolean platforms, SmtpReply reply) {
        if (platforms && reply.relayRefusedUs()) {
            log.warn("The platform's SMTP relay refused the connection: {}", reply);
            return "The platform's SMTP relay refused our connection; the operator has to fix its settings. "
                    + "Resume the campaign once that is done.";
        }
        if (reply.relayRefusedUs()) {
            return "Your SMTP relay refused the connection: " + reply;
        }
        return "The receiving server refused the sender: " + reply;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** Built messages, and the recipients whose message could not be built (as failed outcomes). */
    private record Built(List<Envelope> envelopes, List<Outcome> failures) {}

    private static List<Outcome> withFailures(List<Outcome> outcomes, Built built) {
        if (built.failures().isEmpty()) {
            return outcomes;
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        all.addAll(built.failures());
        return all;
    }

    /** Renders, builds and signs a batch on every core, on the builder threads. */
    private Built buildOnAllCores(List<Subscriber> people, MessageBuilder builder, Instant date) {
        int parts = Math.max(1, Math.min(BUILDER_THREADS, people.size()));
        List<Future<Built>> futures = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            List<Subscriber> slice = people.subList(k * people.size() / parts, (k + 1) * people.size() / parts);
            futures.add(builders.submit(() -> buildEach(slice, builder, date)));
        }
        List<Envelope> envelopes = new ArrayList<>(people.size());
        List<Outcome> failures = new ArrayList<>();
        try {
            for (var f : futures) {
                Built part = f.get();
                envelopes.addAll(part.envelopes());
                failures.addAll(part.failures());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building messages", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return new Built(envelopes, failures);
    }

    /**
     * One person's message failing to build (a value the template or MIME cannot take) fails that
     * recipient with the reason, not the batch: otherwise the batch would come back after every
     * lease and fail again, and the rest of it would never be sent.
     */
    private static Built buildEach(List<Subscriber> people, MessageBuilder builder, Instant date) {
        List<Envelope> envelopes = new ArrayList<>(people.size());
        List<Outcome> failures = new ArrayList<>();
        for (Subscriber p : people) {
            try {
                envelopes.add(builder.build(p, date));
            } catch (RuntimeException e) {
                failures.add(new Outcome(p.id(), new SmtpReply(554, "5.6.0",
                        "the message could not be built: " + clip(String.valueOf(e.getMessage()), 200))));
            }
        }
        return new Built(envelopes, failures);
    }

    /** What a batch settled to; {@code bounced}: the dead addresses and the reply that said so. */
    private record Settled(int sent, Map<EmailAddress, String> bounced, SmtpReply senderBlocked) {}

    /**
     * Settles a batch in the caller's (client) transaction, hard bounces included: the queue row,
     * the subscriber's status and the client's suppression change together.
     */
    private Settled settle(UUID clientId, UUID campaignId, SendQueueStore.Claim claim, List<Outcome> outcomes, List<UUID> skipped,
                           List<UUID> later, Duration postponeBy) {
        OffsetDateTime now = Times.now(clock);
        List<UUID> sent = new ArrayList<>();
        Map<EmailAddress, String> bounced = new LinkedHashMap<>();
        SmtpReply senderBlocked = null;
        List<UUID> notSent = new ArrayList<>();
        List<Outcome> deferred = new ArrayList<>();
        List<SendQueueStore.Failure> failed = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.reply().verdict()) {
                case DELIVERED -> sent.add(o.subscriberId());
                case NOT_SENT -> notSent.add(o.subscriberId());
                case DEFERRED -> deferred.add(o);
                case BOUNCED -> {
                    failed.add(new SendQueueStore.Failure(o.subscriberId(), o.reply().toString()));
                    subscribers.bounced(clientId, o.subscriberId()).ifPresent(email -> bounced.put(email, o.reply().toString()));
                }
                case REJECTED -> failed.add(new SendQueueStore.Failure(o.subscriberId(), o.reply().toString()));
                case SENDER_BLOCKED -> senderBlocked = o.reply();
            }
        }
        List<SendQueueStore.Deferral> deferrals = List.of();
        if (!deferred.isEmpty()) {
            // Greylisting can defer most of a batch: one query for the attempts so far, one batch of updates.
            Map<UUID, Integer> attempts = queue.attempts(clientId, campaignId, deferred.stream().map(Outcome::subscriberId).toList());
            deferrals = deferred.stream().map(o -> new SendQueueStore.Deferral(o.subscriberId(), o.reply().toString(),
                    now.plus(backoff.after(1 + attempts.getOrDefault(o.subscriberId(), 0))))).toList();
        }
        // Whoever was never offered to the server, or was refused with the sender blamed, waits
        // untouched for the resume: the claim goes back with them.
        boolean handBack = !notSent.isEmpty() || senderBlocked != null;
        if (!queue.settle(clientId, campaignId, claim, new SendQueueStore.Settlement(sent, skipped, deferrals, failed, later,
                now.plus(postponeBy), handBack), now, now.minus(maxAge))) {
            // Or a settle tried again after its commit went through unacknowledged: then it was
            // written already, and the claim it ended is gone.
            log.warn("A batch of campaign {} was no longer this node's when it was settled: taken over while it was going "
                    + "out (its recipients may get this mail twice), or settled already by a try whose answer was lost",
                    campaignId);
        }
        return new Settled(sent.size(), bounced, senderBlocked);
    }
}
