package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optline.delivery.DeliveryProperties;

/**
 * The wait before a deferred recipient's next attempt: the first retry, doubling per failed
 * attempt up to the cap, and each wait drawn within ±20% of that.
 */
class BackoffTest {

    static Stream<Arguments> waits() {
        return Stream.of(
                // first retry            cap                     failed attempt  wait before jitter
                Arguments.of(min(2),      Duration.ofHours(2),    0,              min(2)),
                Arguments.of(min(2),      Duration.ofHours(2),    1,              min(2)),
                Arguments.of(min(2),      Duration.ofHours(2),    2,              min(4)),
                Arguments.of(min(2),      Duration.ofHours(2),    3,              min(8)),
                Arguments.of(min(2),      Duration.ofHours(2),    6,              min(64)),
                Arguments.of(min(2),      Duration.ofHours(2),    7,              Duration.ofHours(2)),
                Arguments.of(min(2),      Duration.ofHours(2),    40,             Duration.ofHours(2)),
                Arguments.of(min(10),     min(5),                 1,              min(5)),
                Arguments.of(Duration.ofMillis(1), Duration.ofMillis(1), 3,       Duration.ofMillis(1)));
    }

    @ParameterizedTest(name = "first {0}, cap {1}, attempt {2}: {3}")
    @MethodSource("waits")
    void waitsDoubleUpToTheCapWithinTwentyPercent(Duration first, Duration cap, int attempt, Duration wait) {
        Backoff backoff = new Backoff(new DeliveryProperties.Retry(first, cap, Duration.ofDays(3), Duration.ofMinutes(30)));

        assertThat(backoff.base(attempt)).isEqualTo(wait);
        long low = Math.max(1, (long) (wait.toMillis() * 0.8));
        long high = Math.max(1, (long) (wait.toMillis() * 1.2));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(attempt).toMillis()).isBetween(low, high);
        }
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
