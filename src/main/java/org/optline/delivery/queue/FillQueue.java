package org.optline.delivery.queue;

import java.time.Clock;
import java.util.UUID;
import org.optline.audience.RecipientSelection;
import org.optline.campaign.CampaignDispatch;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Fills a campaign's queue once: the first node to see the campaign being sent inserts its job row
 * (the primary key makes this once per campaign) and every recipient in one set-based statement.
 */
@Component
class FillQueue {

    private static final Logger log = LoggerFactory.getLogger(FillQueue.class);

    /** Where a campaign's job stands for this round. */
    enum Job {
        /** Every recipient is settled: the campaign is sent. */
        FINISHED,
        /** Another node filled the queue in the same moment; the next round sends. */
        FILLED_ELSEWHERE,
        /** Queued (filled before, or just now): send. */
        OPEN
    }

    private final SendQueueStore queue;
    private final CampaignDispatch campaigns;
    private final TenantScope scope;
    private final Clock clock;

    FillQueue(SendQueueStore queue, CampaignDispatch campaigns, TenantScope scope, Clock clock) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.scope = scope;
        this.clock = clock;
    }

    Job fillOnce(UUID clientId, UUID campaignId) {
        try {
            return jobFinishedOrFill(clientId, campaignId) ? Job.FINISHED : Job.OPEN;
        } catch (DuplicateKeyException e) {
            // Another node filled the queue in the same moment: its job row won, and the next
            // round sends. Any other duplicate is a fault, not a race.
            if (scope.inClient(clientId, () -> queue.jobFinished(clientId, campaignId)).isEmpty()) {
                throw e;
            }
            log.debug("Another node filled the queue of campaign {}", campaignId);
            return Job.FILLED_ELSEWHERE;
        }
    }

    /** Whether the campaign's job is finished; the first node to see it fills its queue. */
    private boolean jobFinishedOrFill(UUID clientId, UUID campaignId) {
        return scope.inClient(clientId, () -> queue.jobFinished(clientId, campaignId)).orElseGet(() -> {
            RecipientSelection recipients = campaigns.recipients(clientId, campaignId);
            long filled = scope.inClient(clientId, () -> queue.materialize(clientId, campaignId, recipients, Times.now(clock)));
            scope.inClient(clientId, () -> queue.analyzeAfterFill(filled));
            return false;
        });
    }
}
