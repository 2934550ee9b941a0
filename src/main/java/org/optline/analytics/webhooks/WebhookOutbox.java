package org.optline.analytics.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.optline.platform.Actor;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into the webhook outbox, in the caller's transaction: one set-based insert per
 * group of events of one client and type, and nothing at all (not even a query, most of the time)
 * when the client has no endpoint for that type. The body is fixed here, so every attempt sends
 * the same bytes: {@code {"type": …, "timestamp": …, "data": {…}}}.
 */
@Component
class WebhookOutbox {

    /** One event: when it happened and what the body's {@code data} says. */
    record Event(Instant at, Map<String, Object> data) {}

    private static final Actor WRITER = Actor.system("webhooks");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookOutboxStore store;
    private final SubscribedEndpoints endpoints;
    private final TenantScope scope;
    private final Clock clock;

    WebhookOutbox(WebhookOutboxStore store, SubscribedEndpoints endpoints, TenantScope scope, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.endpoints = endpoints;
        this.scope = scope;
    }

    /**
     * Queues an event for each item, for every endpoint of the client that asked for the type; the
     * items are turned into events only when there is such an endpoint. Joins the transaction
     * already open (a settle, a subscription, a batch of hits), whose scope must allow the
     * client's rows; opens one of its own otherwise.
     */
    <T> void add(UUID clientId, WebhookEvent type, List<T> items, Function<T, Event> toEvent) {
        if (items.isEmpty()) {
            return;
        }
        scope.currentOr(WRITER, () -> {
            List<UUID> targets = endpoints.of(clientId, type);
            if (!targets.isEmpty()) {
                // A slice at a time: an import chunk hands over 100,000 people, whose bodies and
                // messages all at once took a tenth of a 256 MB heap.
                for (List<T> slice : SqlArrays.chunks(items)) {
                    List<String> bodies = slice.stream().map(item -> body(type.wireName(), toEvent.apply(item))).toList();
                    store.insert(clientId, type.wireName(), WebhookOutboxStore.fanOut(targets, bodies), now());
                }
            }
            return null;
        });
    }

    /** Queues the test event for one endpoint; answers its message id, or null when the endpoint is gone. */
    UUID addTest(UUID clientId, UUID endpointId, Event event) {
        WebhookOutboxStore.Message message = new WebhookOutboxStore.Message(UUID.randomUUID(), endpointId, body(WebhookEvent.TEST, event));
        return store.insert(clientId, WebhookEvent.TEST, List.of(message), now()) == 1 ? message.id() : null;
    }

    static String body(String type, Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp(event.at()));
        body.put("data", event.data());
        return JSON.writeValueAsString(body);
    }

    /** A value as the bodies write it. */
    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** ISO 8601 in UTC to the microsecond, the precision the database keeps. */
    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}
