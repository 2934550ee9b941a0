package org.optline.segment;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A saved segment: a named expression, evaluated each time it is used. */
public record Segment(UUID id, UUID clientId, String name, String expression, OffsetDateTime createdAt,
                      OffsetDateTime updatedAt) {}
