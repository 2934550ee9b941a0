package org.optline.inbound.actions;

/**
 * A client's soft-bounce policy (STANDARDS 21): an address whose messages soft-bounce
 * {@code softBounceLimit} times within {@code softBounceDays} days is suppressed for the client.
 */
public record BouncePolicy(int softBounceLimit, int softBounceDays) {

    public static final BouncePolicy DEFAULT = new BouncePolicy(5, 30);
    public static final int MAX_LIMIT = 100;
    public static final int MAX_DAYS = 365;
}
