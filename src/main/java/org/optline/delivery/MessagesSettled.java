package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Published once per settled batch of a campaign, inside the transaction that writes its
 * outcomes, so that what a listener writes (the webhook outbox) is stored exactly when the
 * settlement is. Only batches with something delivered or hard-bounced publish one. Listeners run
 * on the send path: they must be quick and set-based, and a listener that throws rolls the
 * settlement back (it is then tried again).
 *
 * @param delivered recipients the receiving server (or the capture outbox) accepted
 * @param bounced   recipients refused for good with a reply that says the address is dead
 */
public record MessagesSettled(UUID clientId, UUID campaignId, OffsetDateTime at, List<Recipient> delivered,
                              List<Recipient> bounced) {

    /** One recipient; {@code reply} is the server's reply for a bounce, null for a delivery. */
    public record Recipient(UUID subscriberId, String email, String reply) {}
}
