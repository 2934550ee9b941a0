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
        long wait = base(attempt).toMillis();
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (wait * jitter)));
    }

    /** The wait after the given failed attempt before its jitter: the first retry, doubled per attempt since, capped. */
    Duration base(int attempt) {
        long wait = retry.firstRetry().toMillis();
        long cap = retry.maxBackoff().toMillis();
        for (int i = 1; i < attempt && wait < cap; i++) {
            wait *= 2;
        }
        return Duration.ofMillis(Math.min(wait, cap));
    }
}
