package org.optline.analytics.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which of a client's endpoints asked for which event type, read once per client and kept for
 * {@link WebhookProperties#endpointCache}: the writers on the send and tracking paths ask it for
 * every group of events, and most clients have no endpoint at all, which then costs no query.
 * A change on this node clears the client's entry at once; other nodes see it when theirs runs
 * out. A deleted endpoint still listed here is harmless (the insert joins the endpoints).
 */
@Component
class SubscribedEndpoints {

    private record Entry(Map<WebhookEvent, List<UUID>> byType, Instant readAt) {}

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final WebhookEndpointStore store;
    private final Clock clock;
    private final WebhookProperties settings;

    SubscribedEndpoints(WebhookEndpointStore store, Clock clock, WebhookProperties settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** The client's endpoints for this type; call it inside the client's (or the platform's) scope. */
    List<UUID> of(UUID clientId, WebhookEvent type) {
        Instant now = clock.instant();
        Entry entry = entries.get(clientId);
        if (entry == null || entry.readAt().plus(settings.endpointCache()).isBefore(now)) {
            entry = new Entry(read(clientId), now);
            entries.put(clientId, entry);
        }
        return entry.byType().getOrDefault(type, List.of());
    }

    void forget(UUID clientId) {
        entries.remove(clientId);
    }

    private Map<WebhookEvent, List<UUID>> read(UUID clientId) {
        Map<WebhookEvent, List<UUID>> byType = new EnumMap<>(WebhookEvent.class);
        for (WebhookEndpoint endpoint : store.list(clientId)) {
            for (String name : endpoint.events()) {
                WebhookEvent.fromWire(name).ifPresent(type -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(endpoint.id()));
            }
        }
        return byType;
    }
}
