package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A client-defined subscriber attribute (demographics, interests). {@code slot} is the subscribers
 * column holding its values ({@code text_3}, {@code number_1} …), or {@code tags:<id>} for multi.
 */
public record CustomField(UUID id, UUID clientId, String key, String label, FieldType type, String slot,
                          OffsetDateTime createdAt) {}
