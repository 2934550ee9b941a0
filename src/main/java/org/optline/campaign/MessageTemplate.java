package org.optline.campaign;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A reusable layout; the campaign's HTML goes where {@code {{content}}} stands. */
public record MessageTemplate(UUID id, UUID clientId, String name, String html, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt) {}
