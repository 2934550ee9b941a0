package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A client-defined subscriber attribute (demographics, interests). {@code slot} is the subscribers
 * column holding its values ({@code text_3}, {@code number_1}, {@code multi_2} …).
 * {@code subscriberEditable}: the preference centre shows the field and accepts changes to it;
 * otherwise it is the client's own (a VIP flag, a score) and subscribers can neither see nor set it.
 */
public record CustomField(UUID id, UUID clientId, String key, String label, FieldType type, String slot,
                          OffsetDateTime createdAt, boolean subscriberEditable) {

    /** A field subscribers cannot edit (the default for a new field). */
    public CustomField(UUID id, UUID clientId, String key, String label, FieldType type, String slot,
                       OffsetDateTime createdAt) {
        this(id, clientId, key, label, type, slot, createdAt, false);
    }
}
