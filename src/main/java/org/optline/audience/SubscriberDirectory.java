package org.optline.audience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * The subscribers page's reads: a client's subscribers filtered, sorted and paged, and the values
 * its multi-valued fields already have (the choices a subscriber's page offers); and, for a legal
 * disclosure only, which clients hold an address.
 */
@Service
public class SubscriberDirectory {

    /** Values offered per multi field at most; a value beyond them can still be typed. */
    public static final int KNOWN_VALUES = 200;

    private final SubscriberStore store;
    private final SubscriberAssembly assembly;
    private final CustomFields fields;
    private final TenantScope scope;

    SubscriberDirectory(SubscriberStore store, SubscriberAssembly assembly, CustomFields fields, TenantScope scope) {
        this.store = store;
        this.assembly = assembly;
        this.fields = fields;
        this.scope = scope;
    }

    /** What to show: text in the address or name, a status, a list (each optional), the order and the page (from 1). */
    public record Query(String text, String status, UUID listId, String sort, int page, int size) {}

    /** One page of matches, how many match in all, and whether a next page exists. */
    public record Result(List<Subscriber> items, long matching, int page, boolean hasNext, SubscriberSort sort) {}

    public Result browse(Actor actor, Query query) {
        UUID clientId = actor.requireClient();
        SubscriberStatus status = null;
        if (query.status() != null && !query.status().isBlank()) {
            try {
                status = SubscriberStatus.fromWire(query.status().strip());
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("status", "must be one of active, unsubscribed, bounced, complained");
            }
        }
        SubscriberSort sort = SubscriberSort.fromWire(query.sort()).orElseThrow(() -> ValidationException.of("sort",
                "must be one of email, name, created, status, each optionally preceded by - (descending)"));
        if (query.text() != null && query.text().length() > 200) {
            throw ValidationException.of("search", "is longer than 200 characters");
        }
        int size = Math.max(1, Math.min(query.size(), 200));
        int page = Math.max(1, Math.min(query.page(), 10_000));
        var filter = new SubscriberStore.Filter(query.text(), status, query.listId());
        return scope.inClient(clientId, () -> {
            List<SubscriberRow> rows = store.browse(clientId, filter, sort, (page - 1) * size, size + 1);
            List<Subscriber> items = rows.stream().limit(size).map(r -> assembly.assemble(clientId, r)).toList();
            return new Result(items, store.countMatching(clientId, filter), page, rows.size() > size, sort);
        });
    }

    /** A client that holds an address: its subscriber, or {@code null} when it holds only a suppression or an erasure tombstone. */
    public record Holder(UUID clientId, UUID subscriberId) {}

    /**
     * The clients that hold {@code email} (a subscriber, a suppression or an erasure tombstone), in
     * the order they were created. The one read of subscribers across clients, with platform
     * rights, for operators only; legal disclosure is its only caller (CrossClientReadsTest).
     */
    public List<Holder> clientsHolding(Actor operator, EmailAddress email) {
        operator.requireOperator();
        return scope.asPlatform(() -> store.clientsHolding(email).stream()
                .map(h -> new Holder(h.clientId(), h.subscriberId())).toList());
    }

    /** Multi field key → the values it has among the client's subscribers, alphabetically. */
    public Map<String, List<String>> knownValues(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> {
            Map<String, List<String>> known = new LinkedHashMap<>();
            for (CustomField field : fields.listFor(clientId)) {
                if (field.type() == FieldType.MULTI) {
                    known.put(field.key(), store.knownValues(clientId, field.slot(), KNOWN_VALUES));
                }
            }
            return known;
        });
    }
}
