package org.optline.analytics.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.Cursor;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * A client's webhook endpoints: create one (its signing secret is answered once, never again),
 * list, read, delete, read its delivery log, and queue a test event. Any user of the client may
 * read; only a client admin may change them, since an endpoint carries subscribers' data out.
 */
@Service
public class Webhooks {

    /** Endpoints one client may have: each event goes to each, and a few are what integrations need. */
    static final int MAX_ENDPOINTS = 10;

    /** What a client submits. */
    public record Input(String url, List<String> events) {}

    private final WebhookEndpointStore store;
    private final WebhookOutboxStore outbox;
    private final WebhookOutbox writer;
    private final SubscribedEndpoints subscribed;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final WebhookProperties settings;

    Webhooks(WebhookEndpointStore store, WebhookOutboxStore outbox, WebhookOutbox writer, SubscribedEndpoints subscribed, TenantScope scope,
             AuditLog audit, Clock clock, WebhookProperties settings) {
        this.store = store;
        this.outbox = outbox;
        this.writer = writer;
        this.subscribed = subscribed;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    public WebhookEndpoint.Created create(Actor actor, Input in) {
        UUID clientId = requireAdmin(actor);
        List<ValidationException.FieldError> errors = new ArrayList<>();
        String url = in.url() == null ? "" : in.url().strip();
        WebhookUrls.problem(url, settings.allowInternal()).ifPresent(p -> errors.add(new ValidationException.FieldError("url", p)));
        Set<String> events = new LinkedHashSet<>();
        if (in.events() == null || in.events().isEmpty()) {
            errors.add(new ValidationException.FieldError("events", "must name at least one of " + WebhookEvent.wireNames()));
        } else {
            for (String name : in.events()) {
                String wire = name == null ? "" : name.strip();
                if (WebhookEvent.fromWire(wire).isEmpty()) {
                    errors.add(new ValidationException.FieldError("events", "names an unknown event type '" + clip(wire)
                            + "'; the types are " + WebhookEvent.wireNames()));
                    break;
                }
                events.add(wire);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID(), url, List.copyOf(events), Times.now(clock));
        scope.inClient(clientId, () -> {
            if (store.count(clientId) >= MAX_ENDPOINTS) {
                throw new ConflictException("A client can have at most " + MAX_ENDPOINTS + " webhook endpoints; delete one first");
            }
            store.insert(clientId, endpoint, secret);
            audit.record(actor, clientId, "webhook.created", "webhook:" + endpoint.id(), url);
        });
        subscribed.forget(clientId);
        return new WebhookEndpoint.Created(endpoint, secret);
    }

    List<WebhookEndpoint> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId));
    }

    WebhookEndpoint get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
    }

    void delete(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            requireAdmin(actor);
            store.delete(clientId, id);
            audit.record(actor, clientId, "webhook.deleted", "webhook:" + id, null);
        });
        subscribed.forget(clientId);
    }

    /** The endpoint's delivery log, newest first. */
    Page<WebhookAttempt> deliveries(Actor actor, UUID id, String cursor, Integer limit) {
        UUID clientId = actor.requireClient();
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            List<WebhookAttempt> rows = outbox.deliveries(clientId, id, after, size + 1);
            List<WebhookAttempt> page = rows.size() > size ? rows.subList(0, size) : rows;
            String next = rows.size() > size ? new Cursor(page.get(size - 1).at(), page.get(size - 1).id()).encode() : null;
            return new Page<>(List.copyOf(page), next);
        });
    }

    /** Queues a test event for the endpoint, through the same outbox and dispatcher as real events; answers its message id. */
    UUID sendTest(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> {
            WebhookEndpoint endpoint = store.find(clientId, id).orElseThrow(() -> notFound(id));
            requireAdmin(actor);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("endpointId", endpoint.id().toString());
            data.put("message", "A test event from Optline: this endpoint receives what it subscribed to.");
            UUID messageId = writer.addTest(clientId, endpoint.id(), new WebhookOutbox.Event(clock.instant(), data));
            if (messageId == null) {
                throw notFound(id);
            }
            audit.record(actor, clientId, "webhook.tested", "webhook:" + id, null);
            return messageId;
        });
    }

    /** Endpoints carry subscribers' data out of Optline: client admins only. */
    private static UUID requireAdmin(Actor actor) {
        UUID clientId = actor.requireClient();
        if (actor.role() != Role.CLIENT_ADMIN) {
            throw new ForbiddenException("Only a client admin can change webhooks");
        }
        return clientId;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No webhook " + id);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
