package org.optline.delivery.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The envelopes of a relay batch not started yet, queued per destination and handed out round-robin
 * across destinations, each only while its destination is below its limit.
 */
final class PendingEnvelopes {
    static final int NONE_LEFT = -1;
    static final int HELD_BACK = -2;

    private final Map<String, ArrayDeque<Integer>> queues = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Set<String> heldBack = new HashSet<>();
    private int cursor;

    PendingEnvelopes(String[] destinationOf) {
        for (int i = 0; i < destinationOf.length; i++) {
            queues.computeIfAbsent(destinationOf[i], d -> {
                order.add(d);
                return new ArrayDeque<>();
            }).add(i);
        }
    }

    synchronized boolean isEmpty() {
        return order.isEmpty();
    }

    /** The next envelope to start (a transaction to its destination is then open), or NONE_LEFT / HELD_BACK. */
    synchronized int take(OpenTransactions transactions) {
        for (int tried = 0; tried < order.size(); tried++) {
            cursor %= order.size();
            String destination = order.get(cursor);
            if (transactions.tryOpen(destination)) {
                ArrayDeque<Integer> queue = queues.get(destination);
                int i = queue.poll();
                if (queue.isEmpty()) {
                    queues.remove(destination);
                    order.remove(cursor);
                } else {
                    cursor++;
                }
                return i;
            }
            heldBack.add(destination);
            cursor++;
        }
        return order.isEmpty() ? NONE_LEFT : HELD_BACK;
    }

    /** Whether {@code destination} was ever found at its limit in this run. */
    synchronized boolean wasHeldBack(String destination) {
        return heldBack.contains(destination);
    }
}
