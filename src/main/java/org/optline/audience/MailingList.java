package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A client's list of subscribers. */
public record MailingList(UUID id, UUID clientId, String name, String description, OptInMode optIn,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
