package org.optline.platform;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant: a company that uses Optline, with the postal address every message will carry. */
public record Client(UUID id, String name, String postalAddress, ClientStatus status,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
