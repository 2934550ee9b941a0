package org.optline.platform;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A person who logs in to the UI. Operators have no client. */
public record User(UUID id, UUID clientId, String email, Role role, boolean enabled,
                   OffsetDateTime createdAt, OffsetDateTime lastLoginAt) {}
