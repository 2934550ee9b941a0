package org.optline.analytics;

import java.time.Clock;
import java.util.UUID;
import org.optline.analytics.report.LinkTargets;
import org.optline.analytics.report.ReportStore;
import org.optline.analytics.report.SendFigures;
import org.optline.analytics.report.Timelines;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Service;

/**
 * Campaign reports for a client's users: sending figures from delivery, engagement, bounces and
 * complaints from the analytics rollups. Another client's campaign is not found, as everywhere.
 */
@Service
public class CampaignReports {

    private final Campaigns campaigns;
    private final ReportStore store;
    private final SendFigures sending;
    private final TenantScope scope;
    private final Clock clock;

    public CampaignReports(Campaigns campaigns, ReportStore store, SendFigures sending, TenantScope scope, Clock clock) {
        this.campaigns = campaigns;
        this.store = store;
        this.sending = sending;
        this.scope = scope;
        this.clock = clock;
    }

    public CampaignReport report(Actor actor, UUID campaignId) {
        Campaign c = campaigns.get(actor, campaignId);
        UUID clientId = c.clientId();
        SendFigures.Figures sent = sending.of(clientId, c.id());
        return scope.inClient(clientId, () -> {
            ReportStore.Totals t = store.totals(clientId, c.id());
            double clickToOpen = t.uniqueOpens() == 0 ? 0 : Math.round(10_000.0 * t.uniqueClicks() / t.uniqueOpens()) / 10_000.0;
            return new CampaignReport(c.id(), c.name(), c.status().wireName(), sent.sent(),
                    sent.delivered(), sent.deferred(), sent.failed(), new CampaignReport.Bounces(t.hardBounces(), t.softBounces()),
                    t.opens(), t.uniqueOpens(), t.clicks(), t.uniqueClicks(), clickToOpen, t.unsubscribes(), t.complaints(),
                    t.machineOpens(), t.machineClicks(), store.links(clientId, c.id(), LinkTargets.of(c.html())),
                    Timelines.of(t.firstSentAt(), store.hours(clientId, c.id()), Times.now(clock)),
                    store.providers(clientId, c.id()));
        });
    }
}
