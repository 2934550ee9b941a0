package org.optline.delivery.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.RecipientsSettled;
import org.optline.delivery.transport.MailTransport;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Settles every recipient of the batch by its outcome ({@link Settlement}) in one client
 * transaction, hard bounces included: the queue row, the subscriber's status and the client's
 * suppression change together. Once the server has seen the batch, a failing database is tried
 * again until a clock margin before the lease ends ({@link SettleRetries}). Then a dead address is
 * suppressed for every client, and the campaign's pause, if any, is decided.
 */
@Component
final class SettleBatch implements BatchStage {

    private static final Logger log = LoggerFactory.getLogger(SettleBatch.class);

    private final SendQueueStore queue;
    private final Subscribers subscribers;
    private final Suppressions suppressions;
    private final TenantScope scope;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration maxAge;
    private final ApplicationEventPublisher events;

    SettleBatch(SendQueueStore queue, Subscribers subscribers, Suppressions suppressions, TenantScope scope, Clock clock,
                DeliveryProperties settings, ApplicationEventPublisher events) {
        this.events = events;
        this.queue = queue;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.scope = scope;
        this.clock = clock;
        this.backoff = new Backoff(settings.retry());
        this.maxAge = settings.retry().maxAge();
    }

    /** What a batch settled to; {@code bounced}: the dead addresses and the reply that said so. */
    private record Settled(int sent, Map<EmailAddress, String> bounced, Settlement settlement) {}

    @Override
    public void run(Batch batch) {
        UUID clientId = batch.run.clientId();
        UUID campaignId = batch.run.campaignId();
        MailTransport transport = batch.run.route().transport();
        Settled settled;
        if (transport.transactional()) {
            // The capture outbox writes the messages in this transaction: they commit with their marks.
            settled = scope.inClient(clientId, () -> {
                batch.outcomes = SendMessages.withFailures(transport.send(batch.envelopes, batch.run.halted()::get),
                        batch.buildFailures);
                return settle(batch);
            });
        } else {
            settled = SettleRetries.untilStored(() -> scope.inClient(clientId, () -> settle(batch)),
                    batch.leaseEnds.minus(RenewLease.CLOCK_MARGIN), clock, "a batch of campaign " + campaignId);
            if (log.isDebugEnabled()) {
                log.debug("batch of {}: load {} ms, build {} ms, send {} ms, settle {} ms", batch.claim.ids().size(),
                        (batch.buildStarted - batch.loadStarted) / 1_000_000, (batch.sendStarted - batch.buildStarted) / 1_000_000,
                        (batch.sendEnded - batch.sendStarted) / 1_000_000, (System.nanoTime() - batch.sendEnded) / 1_000_000);
            }
        }
        // A dead address is dead for every client, but only the platform's own transport is
        // trusted to say so: a client's relay could otherwise suppress addresses for everyone.
        if (batch.run.platforms()) {
            settled.bounced().forEach((email, reply) -> suppressions.suppressPlatformWide(email,
                    SuppressionReason.BOUNCED, "hard bounce: " + Settlement.clip(reply, 150)));
        }
        batch.sent = settled.sent();
        if (batch.pauseReason != null) {
            return; // the relay was unreachable too long: nobody was offered anything
        }
        Settlement settlement = settled.settlement();
        if (batch.run.platforms() && settlement.senderBlocked() != null && settlement.senderBlocked().relayRefusedUs()) {
            log.warn("The platform's SMTP relay refused the connection: {}", settlement.senderBlocked());
        }
        batch.pauseReason = settlement.pauseReason(batch.run.platforms());
    }

    /** Writes the batch's outcome, in the caller's (client) transaction. */
    private Settled settle(Batch batch) {
        UUID clientId = batch.run.clientId();
        UUID campaignId = batch.run.campaignId();
        OffsetDateTime now = Times.now(clock);
        Settlement settlement = Settlement.of(batch.outcomes);
        Map<EmailAddress, String> bounced = new LinkedHashMap<>();
        settlement.bounced().forEach(o -> subscribers.bounced(clientId, o.subscriberId())
                .ifPresent(email -> bounced.put(email, o.reply().toString())));
        List<SendQueueStore.Deferral> deferrals = List.of();
        if (!settlement.deferred().isEmpty()) {
            // Greylisting can defer most of a batch: one query for the attempts so far, one batch of updates.
            Map<UUID, Integer> attempts = queue.attempts(clientId, campaignId, settlement.deferredIds());
            deferrals = settlement.deferrals(attempts, now, backoff::after);
        }
        if (!queue.settle(clientId, campaignId, batch.claim,
                settlement.rows(batch.skipped, deferrals, batch.later, now.plus(batch.wait.plusMillis(100))), now,
                now.minus(maxAge))) {
            // Or a settle tried again after its commit went through unacknowledged: then it was
            // written already, and the claim it ended is gone.
            log.warn("A batch of campaign {} was no longer this node's when it was settled: taken over while it was going "
                    + "out (its recipients may get this mail twice), or settled already by a try whose answer was lost",
                    campaignId);
        } else if (!settlement.sent().isEmpty() || !settlement.bounced().isEmpty()) {
            // In this transaction: the analytics rollups commit with the settlement, or neither does.
            events.publishEvent(new RecipientsSettled(clientId, campaignId, now, settlement.sent(),
                    settlement.bounced().stream().map(o -> o.subscriberId()).toList()));
        }
        return new Settled(settlement.sent().size(), bounced, settlement);
    }
}
