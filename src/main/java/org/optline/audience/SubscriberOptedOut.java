package org.optline.audience;

import java.util.UUID;

/**
 * Published when a subscriber must not be mailed any more (unsubscribed, bounced, erased), so that
 * a campaign already under way can stop that person's message at the last moment rather than at
 * its next database check.
 */
public record SubscriberOptedOut(UUID clientId, UUID subscriberId) {}
