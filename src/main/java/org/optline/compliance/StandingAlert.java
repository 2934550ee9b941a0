package org.optline.compliance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Something the operator is told about a client's standing: a client or campaign that crossed a
 * warning or pause line ({@code kind} {@code client} or {@code campaign}), or a message sent after
 * an unsubscribe ({@code late_send}).
 *
 * @param campaignId the campaign concerned, or null
 * @param detail     what happened, with the figures, in a sentence or two
 */
public record StandingAlert(UUID id, UUID clientId, UUID campaignId, String kind, StandingLevel level, String detail,
                            OffsetDateTime raisedAt) {}
