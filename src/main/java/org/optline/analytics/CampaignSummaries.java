package org.optline.analytics;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.optline.analytics.report.ReportStore;
import org.optline.analytics.report.SendFigures;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * One line per campaign that has gone out or is going out (sent, sending, or paused part-way),
 * for the reports list: its sending figures and its engagement rates, newest send first. The
 * engagement of all of them is one read of the per-campaign rollup.
 */
@Service
public class CampaignSummaries {

    /** The statuses a campaign has a report in: mail has left, or is leaving. */
    static final Set<CampaignStatus> REPORTED = Set.of(CampaignStatus.SENT, CampaignStatus.SENDING, CampaignStatus.PAUSED);

    /**
     * One campaign's line.
     *
     * @param sentAt     when its first message was accepted (null while none has been)
     * @param recipients everyone it is sent to (those skipped as suppressed left out)
     * @param delivered  messages receiving servers accepted
     * @param openRate   people who opened over delivered (null before any was delivered); likewise {@code clickRate}
     * @param complaints people who complained (feedback reports)
     */
    public record Summary(UUID id, String name, String status, OffsetDateTime sentAt, long recipients, long delivered,
                          long uniqueOpens, long uniqueClicks, Double openRate, Double clickRate, long unsubscribes,
                          long complaints) {}

    private final Campaigns campaigns;
    private final ReportStore store;
    private final SendFigures sending;
    private final TenantScope scope;

    public CampaignSummaries(Campaigns campaigns, ReportStore store, SendFigures sending, TenantScope scope) {
        this.campaigns = campaigns;
        this.store = store;
        this.sending = sending;
        this.scope = scope;
    }

    /** The client's campaigns that have a report, the latest first send first (those not yet delivered on top). */
    public List<Summary> reported(Actor actor) {
        UUID clientId = actor.requireClient();
        List<Campaign> out = campaigns.list(actor).stream().filter(c -> REPORTED.contains(c.status())).toList();
        Map<UUID, ReportStore.Totals> totals = scope.inClient(clientId,
                () -> store.totals(clientId, out.stream().map(Campaign::id).toList()));
        return out.stream().map(c -> {
            ReportStore.Totals t = totals.getOrDefault(c.id(), ReportStore.Totals.NONE);
            SendFigures.Figures f = sending.of(clientId, c.id());
            long recipients = f.sent() + f.waiting();
            return new Summary(c.id(), c.name(), c.status().wireName(), t.firstSentAt(), recipients, f.delivered(),
                    t.uniqueOpens(), t.uniqueClicks(), Dashboards.rate(t.uniqueOpens(), f.delivered()),
                    Dashboards.rate(t.uniqueClicks(), f.delivered()), t.unsubscribes(), t.complaints());
        }).sorted(Comparator.comparing(Summary::sentAt, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder())).reversed())
                .toList();
    }
}
