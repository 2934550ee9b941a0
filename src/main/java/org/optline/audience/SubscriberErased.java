package org.optline.audience;

import java.util.UUID;

/**
 * Published after a subscriber was erased, so that other modules delete what they hold about the
 * address too (captured mail, kept replies, later: events). It carries the address and the
 * subscriber's id because the listeners must find what they hold by either; it is never stored.
 * Published inside the erasure's transaction: a listener that runs at once deletes with it.
 */
public record SubscriberErased(UUID clientId, String email, UUID subscriberId) {

    /** An erasure known by the address alone. */
    public SubscriberErased(UUID clientId, String email) {
        this(clientId, email, null);
    }
}
