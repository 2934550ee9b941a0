package org.optline.delivery.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.optline.delivery.DeliveryProperties;

/**
 * When to try a deferred recipient again: the first retry after a few minutes (greylisting lets
 * a retry through after that), then doubling, capped, with ±20% jitter so that a burst of
 * deferrals from one server does not come back as one burst.
 */
record Backoff(DeliveryProperties.Retry retry) {

    /** The wait after the given failed attempt (1 = the first attempt failed). */
    Duration after(int attempt) {
        long base = retry.firstRetry().toMillis();
        long cap = retry.maxBackoff().toMillis();
        long wait = base;
        for (int i = 1; i < attempt && wait < cap; i++) {
            wait *= 2;
        }
        wait = Math.min(wait, cap);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (wait * jitter)));
    }
}
