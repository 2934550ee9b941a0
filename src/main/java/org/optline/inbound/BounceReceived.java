package org.optline.inbound;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery status notification that came back for one send, published inside the transaction
 * that records it (so listeners' writes commit exactly with it). Send-time refusals are not this
 * event: delivery reports those in {@code MessagesSettled}.
 *
 * @param campaignId the campaign the bounced message belonged to, null when only the subscriber is known
 * @param hard       5.x.x: the address is dead; otherwise a transient failure (soft bounce)
 * @param status     the enhanced status code, e.g. {@code 5.1.1} or {@code 4.2.2}
 * @param diagnostic the receiving server's words, clipped, or null
 * @param suppressed whether this bounce suppressed the address (every hard bounce; a soft bounce
 *                   once the client's soft-bounce policy is reached)
 */
public record BounceReceived(UUID clientId, UUID campaignId, UUID subscriberId, String email, boolean hard,
                             String status, String diagnostic, boolean suppressed, OffsetDateTime at) {}
