package org.optline.tracking.links;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.ClientStandingChanged;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The terminated clients, whose tracking links store nothing any more: a terminated client's data
 * is exported and then purged, and a recipient opening an old message must not write a row of it
 * again. Termination is final, so the set only grows. This node learns of a termination at once
 * from {@link ClientStandingChanged}; one on another node reaches it with the next reading, at
 * most a minute later. The reading runs on the scheduler, never on a hit.
 */
@Component
public class ClosedClients {

    private final Clients clients;
    private volatile Set<UUID> closed = Set.of();

    ClosedClients(Clients clients) {
        this.clients = clients;
    }

    /** Whether the client is terminated. */
    public boolean contains(UUID clientId) {
        return closed.contains(clientId);
    }

    @Scheduled(fixedDelay = 60_000)
    void read() {
        add(clients.terminated());
    }

    @EventListener
    void on(ClientStandingChanged change) {
        if (change.to() == ClientStatus.TERMINATED) {
            add(Set.of(change.clientId()));
        }
    }

    /** Adds to what is known, never replaces it: a reading begun before a termination here must not forget it. */
    private synchronized void add(Collection<UUID> terminated) {
        Set<UUID> more = new HashSet<>(closed);
        more.addAll(terminated);
        closed = Set.copyOf(more);
    }
}
