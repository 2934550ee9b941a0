package org.optline.delivery.queue;

import org.optline.campaign.CampaignDispatch;
import org.springframework.stereotype.Component;

/**
 * Pauses the campaign when its batch said it must (the sender refused, the relay unreachable too
 * long), with the reason its client reads; the lane then stops and the rest stays queued.
 */
@Component
final class PauseCampaign implements BatchStage {

    private final CampaignDispatch campaigns;

    PauseCampaign(CampaignDispatch campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void run(Batch batch) {
        if (batch.pauseReason != null) {
            campaigns.pauseForDelivery(batch.run.clientId(), batch.run.campaignId(), batch.pauseReason);
        }
    }
}
