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
    void on(BounceReceived bounce) {
        scope.inClient(bounce.clientId(), () -> {
            boolean counts = bounce.campaignId() == null || bounce.subscriberId() == null
                    || (bounce.hard()
                        ? store.hardBounced(bounce.clientId(), bounce.campaignId(), bounce.subscriberId(), bounce.status(), bounce.at())
                        : store.softBounced(bounce.clientId(), bounce.campaignId(), bounce.subscriberId(), bounce.status(), bounce.at()));
            if (counts) {
                store.addToDay(bounce.clientId(), day(bounce.at()), bounce.hard() ? 1 : 0, bounce.hard() ? 0 : 1, 0);
            }
        });
    }

    @EventListener
    void on(ComplaintReceived complaint) {
        scope.inClient(complaint.clientId(), () -> {
            if (complaint.campaignId() == null || complaint.subscriberId() == null || store.complained(complaint.clientId(), complaint.campaignId(),
                    complaint.subscriberId(), complaint.feedbackType(), complaint.at())) {
                store.addToDay(complaint.clientId(), day(complaint.at()), 0, 0, 1);
            }
        });
    }

    private static LocalDate day(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
