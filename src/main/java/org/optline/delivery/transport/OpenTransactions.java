package org.optline.delivery.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.LoggerFactory;

/**
 * Counts the SMTP transactions open per destination on one transport, across every batch that
 * sends through it at once, and refuses one more beyond the destination's limit, or this node's
 * part of it when several nodes send through the relay. A sender that was refused asks to be
 * woken when any transaction ends, instead of polling.
 */
final class OpenTransactions {

    private final ProviderGroups groups;
    private volatile IntSupplier sharedBy = () -> 1;
    private final Map<String, Integer> open = new HashMap<>();
    private final List<Runnable> waiting = new ArrayList<>();
    private long closed;

    OpenTransactions(ProviderGroups groups) {
        this.groups = groups;
    }

    /** How many nodes share each destination's limit from now on (each keeps at least one transaction). */
    void shareWith(IntSupplier nodes) {
        this.sharedBy = nodes;
    }

    /** This node's part of a destination's limit; 0 = none. */
    int limit(String destination) {
        int all = groups.concurrency(destination);
        return all <= 0 ? 0 : ConnectionPermits.partOf(all, sharedBy);
    }

    /** Opens a transaction to {@code destination} if its limit allows one more. */
    synchronized boolean tryOpen(String destination) {
        int limit = limit(destination);
        int now = open.getOrDefault(destination, 0);
        if (limit > 0 && now >= limit) {
            return false;
        }
        open.put(destination, now + 1);
        return true;
    }

    /** Ends a transaction opened by {@link #tryOpen}, and wakes whoever waits for one to end. */
    void close(String destination) {
        List<Runnable> wake;
        synchronized (this) {
            open.computeIfPresent(destination, (d, n) -> n > 1 ? n - 1 : null);
            closed++;
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        // Outside the lock: a woken sender opens its next transaction. One sender's failure must
        // not keep the others asleep.
        for (Runnable r : wake) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(OpenTransactions.class).warn("Waking an SMTP sender failed", e);
            }
        }
    }

    /** Drops a wake-up that is no longer wanted (its batch is over), so it holds nothing in memory. */
    synchronized void forget(Runnable wake) {
        waiting.remove(wake);
    }

    /** How many transactions have ended so far: read before an attempt, handed to {@link #wakeOnNextClose}. */
    synchronized long closedSoFar() {
        return closed;
    }

    /**
     * Runs {@code wake} once the next transaction ends, unless one has ended since the caller read
     * {@code closedBefore} (before its failed attempt): then nothing is registered, the answer is
     * false, and the caller tries again at once, so no ending slips between the attempt and the wait.
     */
    synchronized boolean wakeOnNextClose(long closedBefore, Runnable wake) {
        if (closed != closedBefore) {
            return false;
        }
        waiting.add(wake);
        return true;
    }

    synchronized int openTo(String destination) {
        return open.getOrDefault(destination, 0);
    }
}
