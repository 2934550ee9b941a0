package org.optline.campaign;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The port through which the campaign list shows open and click rates. The analytics module,
 * which keeps the engagement rollups, implements it; campaign cannot depend on analytics, which
 * depends on campaign.
 */
public interface CampaignEngagement {

    /** People who opened and who clicked a campaign (each person once; machines' hits left out). */
    record Engagement(long uniqueOpens, long uniqueClicks) {

        public static final Engagement NONE = new Engagement(0, 0);
    }

    /**
     * The engagement of these campaigns of client {@code clientId}, by campaign id, read at once
     * (one query for a whole page); campaigns without any are left out.
     */
    Map<UUID, Engagement> of(UUID clientId, Collection<UUID> campaignIds);
}
