package org.optline.delivery.queue;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every batch of one campaign's round shares: whose mail it is, the message builder compiled
 * once for the round, the way out, and {@code halted}, set by the round's watcher when the campaign
 * is paused or cancelled meanwhile.
 */
record CampaignRun(UUID clientId, UUID campaignId, MessageBuilder builder, Transports.Route route, AtomicBoolean halted) {

    /** Whether the mail leaves through the platform's own transport, not a client's relay. */
    boolean platforms() {
        return route.relayOf() == null;
    }
}
