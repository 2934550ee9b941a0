package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message held by the capture outbox, with the whole RFC 5322 text as it would have been sent. */
public record OutboxMessage(UUID id, UUID clientId, UUID campaignId, String kind, String envelopeFrom, String recipient,
                            String subject, String raw, OffsetDateTime createdAt) {}
