package org.optline.tracking;

import java.util.List;

/**
 * Follows the events tracking stores. Stored events are handed over shortly after their hits were
 * answered, in chunks of up to a few thousand, each inside the transaction that takes the chunk
 * off tracking's pending queue: what a listener writes (rollups, a webhook outbox) commits
 * together with the removal, so each event reaches it exactly once, on whichever node. A listener
 * that throws rolls the chunk back and it is handed over again later. Listeners must therefore
 * be set-based, and see the events of many clients in one call.
 */
public interface TrackedEventsListener {

    void stored(List<TrackedEvent> events);
}
