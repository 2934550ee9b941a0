package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subscriber with its custom field values (by field key; multi fields as lists of strings, the
 * others as strings in their canonical form) and list memberships.
 */
public record Subscriber(UUID id, UUID clientId, String email, String name, SubscriberStatus status,
                         Map<String, Object> fields, List<Membership> lists,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
