package org.optline.analytics.report;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.campaign.CampaignEngagement;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;

/** Campaign's {@link CampaignEngagement} port, answered from the per-campaign rollup in one query. */
@Component
class CampaignEngagementRollups implements CampaignEngagement {

    private final ReportStore store;
    private final TenantScope scope;

    CampaignEngagementRollups(ReportStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @Override
    public Map<UUID, Engagement> of(UUID clientId, Collection<UUID> campaignIds) {
        if (campaignIds.isEmpty()) {
            return Map.of();
        }
        return scope.inClient(clientId, () -> store.totals(clientId, campaignIds)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new Engagement(e.getValue().uniqueOpens(), e.getValue().uniqueClicks())));
    }
}
