package org.optline.inbound.replies;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's reply to a campaign, kept for the client: who wrote it (the subscriber the reply
 * address named, and the From address it came from), its subject and new words, and where
 * Optline forwarded it (the campaign's reply-to address; null when the campaign has none).
 */
public record Reply(UUID id, UUID clientId, UUID subscriberId, UUID campaignId, UUID inboundMessageId, String from,
                    String subject, String text, OffsetDateTime receivedAt, String forwardedTo,
                    OffsetDateTime forwardedAt) {}
