package org.optline.analytics.rollup;

import java.util.List;
import org.optline.analytics.rollup.EventTally.Clicker;
import org.optline.analytics.rollup.EventTally.Recipient;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the rollups up to date as tracking stores its events, inside the storing transaction: the
 * events are summed per key first ({@link EventTally}), then each rollup table takes one batch.
 * A group may hold events of several clients; every row written carries its event's client, and
 * the work runs in the scope the writer opened (the platform's, where it opened none).
 */
@Component
class TrackedEventRollups implements TrackedEventsListener {

    private static final Actor SYSTEM = Actor.system("analytics rollups");

    private final RollupStore store;
    private final TenantScope scope;

    TrackedEventRollups(RollupStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @Override
    public void stored(List<TrackedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        EventTally tally = EventTally.of(events);
        scope.currentOr(SYSTEM, () -> {
            store.ensureRecipients(List.copyOf(tally.recipients.keySet()));
            for (Recipient r : store.firsts(tally.recipients, true)) {
                tally.countUnique(r, true);
            }
            for (Recipient r : store.firsts(tally.recipients, false)) {
                tally.countUnique(r, false);
            }
            store.addToRecipients(tally.recipients);
            for (Clicker c : store.markClickers(List.copyOf(tally.clickers.keySet()))) {
                tally.countUniqueClick(c);
            }
            store.addToCampaigns(tally.campaigns);
            store.addToLinks(tally.links);
            store.addToHours(tally.hours);
            store.addToProviders(tally.providers);
            store.engaged(tally.people);
            return null;
        });
    }
}
