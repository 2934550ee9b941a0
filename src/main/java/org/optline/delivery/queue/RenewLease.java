package org.optline.delivery.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.delivery.DeliveryProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The batch may have taken a while to build. If the claim's lease might run out before the send is
 * over, renews it and makes sure the batch is still ours; if another node took it meanwhile, that
 * node sends it and this batch ends here. Usually the claim is a second old and its lease covers
 * the whole send many times over, and the renewal (a write of every row) is skipped.
 */
@Component
final class RenewLease implements BatchStage {

    private static final Logger log = LoggerFactory.getLogger(RenewLease.class);

    /**
     * How far apart the clocks of two nodes may be: another node decides that a lease ran out by
     * its own clock. NTP keeps real clocks far closer than this.
     */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final SendQueueStore queue;
    private final TenantScope scope;
    private final Clock clock;
    private final Duration lease;

    RenewLease(SendQueueStore queue, TenantScope scope, Clock clock, DeliveryProperties settings) {
        this.queue = queue;
        this.scope = scope;
        this.clock = clock;
        this.lease = settings.lease();
    }

    /**
     * Whether a batch claimed at {@code claimedAt} needs its lease renewed before sending at
     * {@code now}: unless the send, at its longest, ends a clock margin before the claim's lease
     * does, another node could take the batch while it is still going out.
     */
    static boolean renewalNeeded(Instant claimedAt, Instant now, Duration longestSend, Duration lease) {
        return !now.plus(longestSend).plus(CLOCK_MARGIN).isBefore(claimedAt.plus(lease));
    }

    @Override
    public void run(Batch batch) {
        UUID clientId = batch.run.clientId();
        UUID campaignId = batch.run.campaignId();
        batch.leaseEnds = batch.claimedAt.plus(lease);
        if (batch.envelopes.isEmpty() || !renewalNeeded(batch.claimedAt, clock.instant(),
                batch.run.route().transport().longestSend(batch.claim.ids().size()), lease)) {
            return;
        }
        OffsetDateTime renewedUntil = Times.now(clock).plus(lease);
        if (!scope.inClient(clientId, () -> queue.renew(clientId, campaignId, batch.claim, renewedUntil))) {
            log.warn("A batch of campaign {} was taken over before it went out; leaving it to the node that has it", campaignId);
            scope.inClient(clientId, () -> queue.release(clientId, campaignId, batch.claim)); // what is still ours goes back at once
            batch.end();
            return;
        }
        batch.leaseEnds = renewedUntil.toInstant();
    }
}
