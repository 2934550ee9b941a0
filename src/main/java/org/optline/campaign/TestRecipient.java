package org.optline.campaign;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An address a client admin allows test messages to, besides the client's own users. */
public record TestRecipient(UUID id, UUID clientId, String email, String addedBy, OffsetDateTime createdAt) {}
