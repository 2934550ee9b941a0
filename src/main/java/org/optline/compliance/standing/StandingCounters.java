package org.optline.compliance.standing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.optline.audience.SubscriberUnsubscribed;
import org.optline.audience.SubscriptionsStarted;
import org.optline.delivery.MessagesSettled;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.TenantScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the standing counters from other modules' events, inside the transaction that publishes
 * each, so a count commits exactly with its cause: sends and refusals at send time from delivery's
 * settled batches, hard bounces and complaints reported by mail from inbound, unsubscribes from
 * audience. Each event costs a handful of single-row statements; a settled batch, whatever its
 * size, the same plus one probe per recipient for the unsubscribe-latency watch
 * ({@link LateSends}).
 */
@Component
class StandingCounters {

    private final StandingStore store;
    private final TenantScope scope;
    private final LateSends lateSends;

    StandingCounters(StandingStore store, TenantScope scope, LateSends lateSends) {
        this.store = store;
        this.scope = scope;
        this.lateSends = lateSends;
    }

    @EventListener
    void on(MessagesSettled settled) {
        long refused = settled.bounced().size();
        long unknown = settled.bounced().stream().filter(r -> UnknownUsers.is(null, r.reply())).count();
        var counts = new StandingStore.Counts(settled.delivered().size() + refused, refused, unknown, 0, 0);
        scope.inClient(settled.clientId(), () -> {
            store.addToDay(settled.clientId(), day(settled.at()), counts);
            store.addToCampaign(settled.clientId(), settled.campaignId(), settled.at(), counts);
            lateSends.check(settled.clientId(), settled.campaignId(), settled.at(),
                    settled.delivered().stream().map(MessagesSettled.Recipient::subscriberId).toList());
        });
    }

    @EventListener
    void on(BounceReceived bounce) {
        if (!bounce.hard()) {
            return;
        }
        boolean unknown = UnknownUsers.is(bounce.status(), bounce.diagnostic());
        var counts = new StandingStore.Counts(0, 1, unknown ? 1 : 0, 0, 0);
        scope.inClient(bounce.clientId(), () -> {
            store.addToDay(bounce.clientId(), day(bounce.at()), counts);
            if (bounce.campaignId() != null) {
                store.addToCampaign(bounce.clientId(), bounce.campaignId(), bounce.at(), counts);
            }
        });
    }

    @EventListener
    void on(ComplaintReceived complaint) {
        var counts = new StandingStore.Counts(0, 0, 0, 1, 0);
        scope.inClient(complaint.clientId(), () -> {
            store.addToDay(complaint.clientId(), day(complaint.at()), counts);
            if (complaint.campaignId() != null) {
                store.addToCampaign(complaint.clientId(), complaint.campaignId(), complaint.at(), counts);
            }
            // A complaint is a way out too: from now on nothing may reach the person.
            if (complaint.subscriberId() != null) {
                store.watchUnsubscribe(complaint.clientId(), complaint.subscriberId(), complaint.at(), "complaint");
            }
        });
    }

    @EventListener
    void on(SubscriberUnsubscribed left) {
        scope.inClient(left.clientId(), () -> {
            store.addToDay(left.clientId(), day(left.at()), new StandingStore.Counts(0, 0, 0, 0, 1));
            // Leaving one list in the preference centre still allows the others' mail; leaving all does not.
            if (left.listId() == null) {
                store.watchUnsubscribe(left.clientId(), left.subscriberId(), left.at(), left.source());
            }
        });
    }

    /**
     * People who joined a list again (confirmed) may be mailed again: the watch on them ends.
     * Subscribers the same act created were never watched (most of a large import's people).
     */
    @EventListener
    void on(SubscriptionsStarted started) {
        List<UUID> ids = started.subscribers().stream().filter(joined -> !joined.created())
                .map(SubscriptionsStarted.Joined::subscriberId).toList();
        if (!ids.isEmpty()) {
            scope.inClient(started.clientId(), () -> store.forgetUnsubscribes(started.clientId(), ids));
        }
    }

    static LocalDate day(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
