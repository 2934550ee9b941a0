package org.optline.analytics.rollup;

import java.time.Duration;
import java.time.ZoneOffset;
import org.optline.audience.SubscriberUnsubscribed;
import org.optline.delivery.MessagesSettled;
import org.optline.platform.TenantScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows sending and unsubscribes into the rollups: who was sent a campaign, hard bounces and unsubscribes,
 * each in the transaction that records it, so a figure commits exactly with its cause. An
 * unsubscribe link names the person, not the message, so an unsubscribe is put down to the last
 * campaign sent to that person within {@link #ATTRIBUTION}; later ones count for the client only.
 */
@Component
class SendingRollups {

    static final Duration ATTRIBUTION = Duration.ofDays(30);

    private final RollupStore store;
    private final TenantScope scope;

    SendingRollups(RollupStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @EventListener
    void on(MessagesSettled settled) {
        scope.inClient(settled.clientId(), () -> {
            int[] fresh = store.settled(settled.clientId(), settled.campaignId(), settled.at(),
                    settled.delivered().stream().map(MessagesSettled.Recipient::subscriberId).toList(),
                    settled.bounced().stream().map(MessagesSettled.Recipient::subscriberId).toList());
            store.addToDay(settled.clientId(), settled.at().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), fresh[0], fresh[1], 0);
        });
    }

    /**
     * In the unsubscribe's transaction: the count commits exactly with the unsubscribe. Leaving
     * one list in the preference centre is not counted: the person still hears from the client.
     */
    @EventListener
    void on(SubscriberUnsubscribed unsubscribed) {
        if (unsubscribed.listId() != null) {
            return;
        }
        scope.inClient(unsubscribed.clientId(), () -> {
            store.unsubscribed(unsubscribed.clientId(), unsubscribed.subscriberId(), unsubscribed.at(),
                    unsubscribed.at().minus(ATTRIBUTION));
            store.addToDay(unsubscribed.clientId(), unsubscribed.at().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), 0, 0, 1);
        });
    }
}
