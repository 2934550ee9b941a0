package org.optline.analytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.TenantScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows bounces and complaints that come back by mail into the rollups, in the transaction that
 * records them, so a figure commits exactly with its cause. Per campaign a person counts once: a
 * hard bounce only when the send had not bounced for good already (a soft bounce before it moves
 * to hard), a soft bounce only the first and only without a hard one, a complaint the first. The
 * client's day counts what was new for the campaign, and every report without a campaign (or
 * without a subscriber), which has no key to tell a repeat by.
 */
@Component
class FeedbackRollups {

    private final FeedbackStore store;
    private final TenantScope scope;

    FeedbackRollups(FeedbackStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @EventListener
    void on(BounceReceived b) {
        scope.inClient(b.clientId(), () -> {
            boolean counts = b.campaignId() == null || b.subscriberId() == null
                    || (b.hard() ? store.hardBounced(b.clientId(), b.campaignId(), b.subscriberId(), b.status(), b.at())
                                 : store.softBounced(b.clientId(), b.campaignId(), b.subscriberId(), b.status(), b.at()));
            if (counts) {
                store.addToDay(b.clientId(), day(b.at()), b.hard() ? 1 : 0, b.hard() ? 0 : 1, 0);
            }
        });
    }

    @EventListener
    void on(ComplaintReceived c) {
        scope.inClient(c.clientId(), () -> {
            boolean counts = c.campaignId() == null || c.subscriberId() == null
                    || store.complained(c.clientId(), c.campaignId(), c.subscriberId(), c.feedbackType(), c.at());
            if (counts) {
                store.addToDay(c.clientId(), day(c.at()), 0, 0, 1);
            }
        });
    }

    private static LocalDate day(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
