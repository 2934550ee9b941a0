package org.optline.audience;

import java.util.UUID;

/**
 * Published after a subscriber was erased, so that other modules delete what they hold about the
 * address too (captured mail, later: events). It carries the address because the listeners must
 * find it; it is never stored.
 */
public record SubscriberErased(UUID clientId, String email) {}
