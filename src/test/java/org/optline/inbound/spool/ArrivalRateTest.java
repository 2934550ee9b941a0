package org.optline.inbound.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.optline.test.StepClock;

class ArrivalRateTest {

    private final StepClock clock = StepClock.standingAt(Instant.parse("2026-12-07T10:00:00.001Z"));

    @Test
    void busyFromTheRateInTheCurrentOrThePreviousSecondOnly() {
        ArrivalRate rate = new ArrivalRate(100, clock);
        rate.arrived(60);
        assertThat(rate.busy()).isFalse();
        clock.advance(Duration.ofMillis(990));
        rate.arrived(40);
        assertThat(rate.busy()).isTrue();

        clock.advance(Duration.ofSeconds(1)); // the next second: the last one reached the rate
        assertThat(rate.busy()).isTrue();
        rate.arrived(10);
        clock.advance(Duration.ofSeconds(1)); // the one before had 10
        assertThat(rate.busy()).isFalse();

        rate.arrived(100);
        clock.advance(Duration.ofSeconds(5)); // a quiet gap: nothing counts from before it
        assertThat(rate.busy()).isFalse();
    }

    @Test
    void aRateOfZeroIsNeverBusy() {
        ArrivalRate rate = new ArrivalRate(0, clock);
        rate.arrived(1_000_000);
        assertThat(rate.busy()).isFalse();
    }
}
