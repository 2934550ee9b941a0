package org.optline.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real time plus what the test added: rows the application writes with its own clock stay in
 * order with the test's moves, and a wait (a retry's backoff, an export window, a link's age)
 * passes only when the test moves the clock on. {@link #standingAt} makes one that does not follow
 * the real time at all: it shows its start plus the test's moves.
 */
public final class StepClock extends Clock {
    private final Instant start;
    private volatile Duration ahead = Duration.ZERO;

    public StepClock() {
        this(null);
    }

    private StepClock(Instant start) {
        this.start = start;
    }

    /** A clock that stands still at {@code start} until the test moves it. */
    public static StepClock standingAt(Instant start) {
        return new StepClock(start);
    }

    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(ahead);
    }
}
