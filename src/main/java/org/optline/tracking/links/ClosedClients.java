package org.optline.tracking.links;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.ClientStandingChanged;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The terminated clients, whose tracking links store nothing any more: a terminated client's data
 * is exported and then purged, and a recipient opening an old message must not write a row of it
 * again. Termination is final, so the set only grows. This node learns of a termination at once
 * from {@link ClientStandingChanged}; one on another node reaches it with the next reading, at
 * most {@link #READ_EVERY_NANOS} later (one query a minute on the hit path).
 */
@Component
public class ClosedClients {

    static final long READ_EVERY_NANOS = 60_000_000_000L;

    private final Clients clients;
    private volatile Set<UUID> closed = Set.of();
    private volatile long readAt;
    private volatile boolean read;

    ClosedClients(Clients clients) {
        this.clients = clients;
    }

    /** Whether the client is terminated. */
    public boolean contains(UUID clientId) {
        if (!read || System.nanoTime() - readAt > READ_EVERY_NANOS) {
            closed = Set.copyOf(clients.terminated());
            readAt = System.nanoTime();
            read = true;
        }
        return closed.contains(clientId);
    }

    @EventListener
    void on(ClientStandingChanged change) {
        if (change.to() == ClientStatus.TERMINATED) {
            Set<UUID> more = new HashSet<>(closed);
            more.add(change.clientId());
            closed = Set.copyOf(more);
        }
    }
}
