package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that settles a batch of a campaign, so that what listeners
 * write (the analytics rollups) commits exactly with the batch: whom the receiving servers
 * accepted, and whose address they refused for good (hard bounces). Deferred and failed-for-now
 * recipients are not named; they appear once they settle for good.
 */
public record RecipientsSettled(UUID clientId, UUID campaignId, OffsetDateTime at, List<UUID> sent, List<UUID> bounced) {}
