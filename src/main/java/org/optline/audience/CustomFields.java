package org.optline.audience;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.optline.audience.fields.FieldStore;
import org.optline.audience.fields.Slots;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/** A client's custom fields: typed attributes of subscribers, used in forms, imports and segments. */
@Service
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Set<String> RESERVED = Set.of("email", "name", "status", "id", "lists", "created_at",
            "updated_at", "subscribed", "created", "unsubscribe_url", "preferences_url", "webview_url", "content", "domain",
            // words of the segment language
            "and", "or", "not", "in", "is", "has", "any", "all", "between", "contains", "starts", "with", "true", "false",
            "today", "list", "set", "ago");

    private final FieldStore store;
    private final TenantScope scope;
    private final Clock clock;
    private final AuditLog audit;

    public CustomFields(FieldStore store, TenantScope scope, Clock clock, AuditLog audit) {
        this.store = store;
        this.scope = scope;
        this.clock = clock;
        this.audit = audit;
    }

    /** A field subscribers cannot see or edit in the preference centre. */
    public CustomField create(Actor actor, String rawKey, String rawLabel, String rawType) {
        return create(actor, rawKey, rawLabel, rawType, false);
    }

    /** A new field; {@code subscriberEditable}: the preference centre shows it and takes the subscriber's changes. */
    public CustomField create(Actor actor, String rawKey, String rawLabel, String rawType, boolean subscriberEditable) {
        UUID clientId = actor.requireClientWriter();
        String key = rawKey == null ? "" : rawKey.strip();
        if (!KEY.matcher(key).matches()) {
            throw ValidationException.of("key", "must start with a letter and hold only a-z, 0-9 and _ (64 at most)");
        }
        if (RESERVED.contains(key)) {
            throw ValidationException.of("key", "is reserved");
        }
        FieldType type = FieldType.fromWire(rawType);
        String label = Objects.requireNonNullElse(TextFields.optional("label", rawLabel, 200), key);
        return scope.inClient(clientId, () -> {
            if (store.keyTaken(clientId, key)) {
                throw new ConflictException("A field with key '" + key + "' already exists");
            }
            List<CustomField> existing = store.list(clientId);
            long ofType = existing.stream().filter(f -> f.type() == type).count();
            if (ofType >= type.maxFields()) {
                throw ValidationException.of("type", "a client can have at most " + type.maxFields() + " "
                        + type.wireName() + " fields");
            }
            Set<String> used = existing.stream().map(CustomField::slot).collect(Collectors.toSet());
            String slot = Slots.free(type, used).orElseThrow();
            var field = new CustomField(UUID.randomUUID(), clientId, key, label, type, slot, Times.now(clock),
                    subscriberEditable);
            store.insert(field);
            return field;
        });
    }

    /**
     * Changes a field's label and whether subscribers may see and edit it in the preference centre.
     * A null argument keeps what is there; a blank label is refused. Key, type and slot never change
     * (imports, merge tags and segments name the key). Another client's field is not found.
     */
    public CustomField change(Actor actor, UUID id, String rawLabel, Boolean subscriberEditable) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            CustomField current = store.list(clientId).stream().filter(f -> f.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundException("No field " + id));
            String label = rawLabel == null ? current.label() : TextFields.required("label", rawLabel, 200);
            boolean editable = subscriberEditable == null ? current.subscriberEditable() : subscriberEditable;
            store.update(clientId, id, label, editable);
            if (editable != current.subscriberEditable()) {
                // It decides what anyone holding a preferences link may set: worth a record of who changed it.
                audit.record(actor, clientId, "field.subscriber-editable", "field:" + id,
                        current.key() + (editable ? ": subscribers may edit" : ": subscribers may not edit"));
            }
            return new CustomField(current.id(), clientId, current.key(), label, current.type(), current.slot(),
                    current.createdAt(), editable);
        });
    }

    public List<CustomField> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId));
    }

    /** For other modules that already run in the client's scope (segments, rendering). */
    public List<CustomField> listFor(UUID clientId) {
        return scope.inClient(clientId, () -> store.list(clientId));
    }
}
