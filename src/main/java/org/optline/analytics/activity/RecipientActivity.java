package org.optline.analytics.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.analytics.report.ReportStore;
import org.optline.analytics.report.ReportStore.RecipientRow;
import org.optline.audience.SubscriberActivity;
import org.optline.campaign.Campaigns;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;

/**
 * A subscriber's activity from the per-recipient rollup: per campaign, when it was sent, bounced
 * (refused at send time, or hard or soft by DSN, with the status), complained (with the feedback
 * type), first opened and first clicked (with how many opens and clicks in all). Human hits only.
 * Bounces and complaints that named no campaign are not here: they count for the client's day only.
 */
@Component
class RecipientActivity implements SubscriberActivity {

    private final ReportStore store;
    private final Campaigns campaigns;
    private final TenantScope scope;

    RecipientActivity(ReportStore store, Campaigns campaigns, TenantScope scope) {
        this.store = store;
        this.campaigns = campaigns;
        this.scope = scope;
    }

    @Override
    public List<Entry> of(UUID clientId, UUID subscriberId, int limit) {
        List<RecipientRow> rows = scope.inClient(clientId, () -> store.activity(clientId, subscriberId, limit));
        Map<UUID, String> names = campaigns.names(clientId, rows.stream().map(RecipientRow::id).toList());
        List<Entry> out = new ArrayList<>();
        for (RecipientRow r : rows) {
            String name = names.get(r.id());
            if (r.sentAt() != null) {
                out.add(new Entry(r.sentAt(), "sent", r.id(), name, null));
            }
            if (r.bouncedAt() != null) {
                out.add(new Entry(r.bouncedAt(), "bounced", r.id(), name, r.bounceStatus() == null
                        ? "refused for good at send time" : "hard bounce " + r.bounceStatus() + " (reported by mail)"));
            }
            if (r.softBouncedAt() != null) {
                out.add(new Entry(r.softBouncedAt(), "bounced", r.id(), name,
                        r.softBounceStatus() == null ? "soft bounce" : "soft bounce " + r.softBounceStatus()));
            }
            if (r.complainedAt() != null) {
                out.add(new Entry(r.complainedAt(), "complained", r.id(), name, "marked as unwanted ("
                        + (r.feedbackType() == null ? "feedback report" : r.feedbackType()) + ")"));
            }
            if (r.firstOpenAt() != null) {
                out.add(new Entry(r.firstOpenAt(), "opened", r.id(), name,
                        r.opens() == 1 ? "once" : r.opens() + " times, last " + r.lastOpenAt()));
            }
            if (r.firstClickAt() != null) {
                out.add(new Entry(r.firstClickAt(), "clicked", r.id(), name,
                        r.clicks() == 1 ? "once" : r.clicks() + " times, last " + r.lastClickAt()));
            }
        }
        return out;
    }
}
