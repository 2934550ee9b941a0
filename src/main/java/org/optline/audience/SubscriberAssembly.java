package org.optline.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.fields.Slots;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.springframework.stereotype.Component;

/**
 * Builds {@link Subscriber} records from their rows: the profile, field values by key and
 * memberships. Runs in the caller's client scope.
 */
@Component
class SubscriberAssembly {

    private final SubscriberStore store;
    private final MembershipStore memberships;
    private final CustomFields fields;

    SubscriberAssembly(SubscriberStore store, MembershipStore memberships, CustomFields fields) {
        this.store = store;
        this.memberships = memberships;
        this.fields = fields;
    }

    Optional<Subscriber> load(UUID clientId, UUID id) {
        return store.find(clientId, id).map(row -> assemble(clientId, row));
    }

    Subscriber assemble(UUID clientId, SubscriberRow row) {
        Map<String, Object> values = values(fields.listFor(clientId), row);
        return new Subscriber(row.id(), row.clientId(), row.email(), row.name(), row.status(), values,
                memberships.memberships(clientId, row.id()), row.createdAt(), row.updatedAt());
    }

    /** The batch {@link Subscribers#forDelivery} answers, in two queries (the fields, then the rows). */
    List<Subscriber> forDelivery(UUID clientId, Collection<UUID> ids) {
        List<CustomField> defined = fields.listFor(clientId);
        List<String> slots = defined.stream().map(CustomField::slot).filter(Slots.columns()::contains).toList();
        List<SubscriberRow> rows = store.findMany(clientId, ids, slots);
        return rows.stream().map(row -> new Subscriber(row.id(), row.clientId(), row.email(), row.name(), row.status(),
                values(defined, row), List.of(), row.createdAt(), row.updatedAt()))
                .toList();
    }

    /** Field key → value for display and merge tags (a multi field's: its list of values). */
    private static Map<String, Object> values(List<CustomField> defined, SubscriberRow row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (CustomField field : defined) {
            Object value = FieldValues.display(row.slots().get(field.slot()));
            if (value != null) {
                values.put(field.key(), value);
            }
        }
        return values;
    }
}
