package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that made people's membership of a list active (confirmed):
 * a single opt-in sign-up, a followed confirmation link, a preconfirmed or single opt-in add by
 * the client, an import batch. One event per list and act, carrying everyone it concerned, so a
 * listener that writes (the webhook outbox) does so once per batch and commits or rolls back with
 * the subscription itself.
 *
 * @param source how they came: {@code api}, {@code form}, {@code confirmation}, {@code preferences},
 *               {@code import} (the consent ledger's source kind)
 */
public record SubscriptionsStarted(UUID clientId, UUID listId, List<Joined> subscribers, String source, OffsetDateTime at) {

    /**
     * One person who joined; {@code created} when the same act created the subscriber (an import's
     * new address), so no earlier state of theirs (a watch on a past unsubscribe) can exist.
     */
    public record Joined(UUID subscriberId, String email, boolean created) {

        /** Someone who may have a past with the client. */
        public Joined(UUID subscriberId, String email) {
            this(subscriberId, email, false);
        }
    }
}
