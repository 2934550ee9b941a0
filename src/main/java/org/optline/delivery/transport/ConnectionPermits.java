package org.optline.delivery.transport;

import java.util.function.IntSupplier;

/**
 * The connections a relay transport may use at once: the relay's {@code maxConnections} divided by
 * the nodes sending through that relay now, at least one. The share is read on every take, so a
 * node starting or stopping changes what the others may open from their next lane on. When the
 * share shrinks, lanes over it leave their batch to its other lanes after the message they are
 * on, and the transport closes connections over the share as they come back to its pool.
 */
final class ConnectionPermits {

    private final int max;
    private volatile IntSupplier sharedBy = () -> 1;
    private int inUse;

    ConnectionPermits(int max) {
        this.max = Math.max(1, max);
    }

    /** How many nodes share the relay's limit from now on. */
    void shareWith(IntSupplier nodes) {
        this.sharedBy = nodes;
    }

    /** This node's part of the relay's limit. */
    int limit() {
        return partOf(max, sharedBy);
    }

    /**
     * This node's part of a limit of {@code whole} shared by {@code nodes}: an equal part, and at
     * least one, so that every node can send. The one division for connections and for the
     * concurrency per destination ({@link OpenTransactions}).
     */
    static int partOf(int whole, IntSupplier nodes) {
        return Math.max(1, whole / Math.max(1, nodes.getAsInt()));
    }

    synchronized boolean tryTake() {
        if (inUse < limit()) {
            inUse++;
            return true;
        }
        return false;
    }

    /** Waits up to {@code millis} for a permit. */
    synchronized boolean take(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (inUse >= limit()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // Woken by a give; the timed wait also notices a share that grew because a node left.
            wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
        inUse++;
        return true;
    }

    synchronized void give() {
        inUse--;
        notifyAll();
    }

    /** Whether more lanes hold permits than this node's share now allows (the share just shrank). */
    synchronized boolean overLimit() {
        return inUse > limit();
    }
}
