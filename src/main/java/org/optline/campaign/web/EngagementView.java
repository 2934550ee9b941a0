package org.optline.campaign.web;

import java.util.Locale;
import org.optline.campaign.CampaignEngagement;
import org.optline.campaign.SendCounts;

/**
 * A campaign's open and click rates as the campaign list prints them: people who opened or clicked
 * over the messages delivered (the report's rates), a dash before any was delivered.
 */
record EngagementView(String openRate, String clickRate) {

    static final String NONE = "–";

    static EngagementView of(SendCounts counts, CampaignEngagement.Engagement engagement) {
        long delivered = counts.sent();
        return new EngagementView(percent(engagement.uniqueOpens(), delivered), percent(engagement.uniqueClicks(), delivered));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? NONE : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
