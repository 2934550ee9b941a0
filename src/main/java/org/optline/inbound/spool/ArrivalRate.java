package org.optline.inbound.spool;

import java.time.Clock;

/**
 * How many messages this node's listener took in the current and the previous second, so that
 * processing can tell a burst of incoming mail from a steady trickle. The writers count each group
 * before they write it (so no worker sees a message stored before it is counted); the workers ask
 * {@link #busy}.
 */
final class ArrivalRate {

    private final int busyPerSecond;
    private final Clock clock;
    private long second = Long.MIN_VALUE;
    private long current;
    private long previous;

    /** @param busyPerSecond messages a second from which the listener counts as busy; 0: never */
    ArrivalRate(int busyPerSecond, Clock clock) {
        this.busyPerSecond = busyPerSecond;
        this.clock = clock;
    }

    synchronized void arrived(int messages) {
        roll();
        current += messages;
    }

    /** Whether the current second so far, or the whole previous one, reached the busy rate. */
    synchronized boolean busy() {
        if (busyPerSecond <= 0) {
            return false;
        }
        roll();
        return current >= busyPerSecond || previous >= busyPerSecond;
    }

    private void roll() {
        long now = Math.floorDiv(clock.millis(), 1000);
        if (now != second) {
            previous = now == second + 1 ? current : 0;
            current = 0;
            second = now;
        }
    }
}
