package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Published inside the transaction of an unsubscribe: from every list at once (the subscriber is
 * then unsubscribed and suppressed; {@code listId} null), or from one list in the preference
 * centre. Unlike {@link SubscriberOptedOut}, which also follows bounces and erasures, this is the
 * person's (or the client's) withdrawal of consent only.
 *
 * @param source the consent ledger's source kind ({@code link}, {@code one_click}, {@code preferences}, {@code api} …)
 */
public record SubscriberUnsubscribed(UUID clientId, UUID subscriberId, String email, UUID listId, String source,
                                     OffsetDateTime at) {}
