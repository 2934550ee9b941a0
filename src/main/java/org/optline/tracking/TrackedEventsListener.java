package org.optline.tracking;

import java.util.List;

/**
 * Follows the events tracking stores. Each group of events is handed over inside the transaction
 * that inserts them, before it commits, so what a listener writes (rollups, a webhook outbox) is
 * durable exactly when the events are; a listener that throws rolls the group back and the hits
 * are not answered as stored. Listeners must therefore be quick and set-based: one call carries a
 * few hundred events.
 */
public interface TrackedEventsListener {

    void stored(List<TrackedEvent> events);
}
