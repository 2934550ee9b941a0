package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Published when a subscriber withdraws consent (a link, one-click, the preference centre, or the
 * client on their behalf), for reports that count unsubscribes. {@code source} is the
 * {@link ConsentSource#kind()}.
 */
public record SubscriberUnsubscribed(UUID clientId, UUID subscriberId, OffsetDateTime at, String source) {}
