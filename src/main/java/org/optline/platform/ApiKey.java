package org.optline.platform;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An API key as listed: its visible prefix, never its secret. */
public record ApiKey(UUID id, UUID clientId, String name, String prefix, Role role, String createdBy,
                     OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
