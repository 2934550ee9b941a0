package org.optline.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.optline.analytics.report.ReportStore;
import org.optline.analytics.report.SendFigures;
import org.optline.audience.AudienceGrowth;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Service;

/** Builds a client's dashboard from the audience's growth, the daily rollup and the last campaigns' rollups. */
@Service
public class Dashboards {

    static final int CAMPAIGNS = 5;

    private final AudienceGrowth audience;
    private final Campaigns campaigns;
    private final ReportStore store;
    private final SendFigures sending;
    private final TenantScope scope;
    private final Clock clock;

    public Dashboards(AudienceGrowth audience, Campaigns campaigns, ReportStore store, SendFigures sending, TenantScope scope,
                      Clock clock) {
        this.audience = audience;
        this.campaigns = campaigns;
        this.store = store;
        this.sending = sending;
        this.scope = scope;
        this.clock = clock;
    }

    public Dashboard of(Actor actor) {
        UUID clientId = actor.requireClient();
        LocalDate today = Times.now(clock).toLocalDate();
        LocalDate from = today.minusDays(Dashboard.DAYS - 1);
        Map<LocalDate, Long> joined = audience.joined(actor, from, today);
        Map<LocalDate, ReportStore.DayFigures> sent = scope.inClient(clientId, () -> store.days(clientId, from)).stream()
                .collect(Collectors.toMap(ReportStore.DayFigures::day, Function.identity()));
        List<Dashboard.Day> days = new ArrayList<>();
        long totalSent = 0;
        long refused = 0;
        long unsubscribes = 0;
        long bounces = 0;
        long complaints = 0;
        for (Map.Entry<LocalDate, Long> d : joined.entrySet()) {
            ReportStore.DayFigures f = sent.getOrDefault(d.getKey(), new ReportStore.DayFigures(d.getKey(), 0, 0, 0, 0, 0, 0));
            long hard = f.hardBounces() + f.dsnHardBounces();
            days.add(new Dashboard.Day(d.getKey(), d.getValue(), f.sent(), f.unsubscribes(), hard, f.softBounces(), f.complaints()));
            totalSent += f.sent();
            refused += f.hardBounces();
            unsubscribes += f.unsubscribes();
            bounces += hard;
            complaints += f.complaints();
        }
        long joinedTotal = joined.values().stream().mapToLong(Long::longValue).sum();
        // Refusals at send time were never delivered; DSN bounces were, so they are in totalSent already.
        return new Dashboard(audience.size(actor), joinedTotal, unsubscribes, totalSent, rate(unsubscribes, totalSent),
                rate(bounces, totalSent + refused), rate(complaints, totalSent), days, lastCampaigns(actor, clientId));
    }

    /** The last campaigns that went out (or are going), newest first. */
    private List<Dashboard.CampaignLine> lastCampaigns(Actor actor, UUID clientId) {
        List<Campaign> recent = campaigns.list(actor).stream()
                .filter(c -> c.status() == CampaignStatus.SENDING || c.status() == CampaignStatus.SENT
                        || c.status() == CampaignStatus.PAUSED)
                .sorted(Comparator.comparing(Campaign::updatedAt).reversed()).limit(CAMPAIGNS).toList();
        Map<UUID, ReportStore.Totals> totals = scope.inClient(clientId,
                () -> store.totals(clientId, recent.stream().map(Campaign::id).toList()));
        return recent.stream().map(c -> {
            ReportStore.Totals t = totals.getOrDefault(c.id(), ReportStore.Totals.NONE);
            long delivered = sending.of(clientId, c.id()).delivered();
            return new Dashboard.CampaignLine(c.id(), c.name(), c.status().wireName(), delivered, t.uniqueOpens(),
                    t.uniqueClicks(), rate(t.uniqueOpens(), delivered), rate(t.uniqueClicks(), delivered));
        }).toList();
    }

    /** A share rounded to four places, or null over nothing. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
