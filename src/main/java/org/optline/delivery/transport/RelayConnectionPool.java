package org.optline.delivery.transport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay transport's connections: those idle in the pool, how many are open in all (what the
 * relay counts against its limit), and the rules for keeping one: the message cap per connection,
 * the age and idle limits, and this node's share of the relay's connections.
 */
final class RelayConnectionPool {

    private final BlockingQueue<RelayConnection> idle = new LinkedBlockingQueue<>();
    /**
     * Connections open now, in use or pooled: what the relay counts against its limit. One is
     * counted out when this node retires it (at once, not when the server has answered the QUIT)
     * or when it closes, whichever comes first.
     */
    private final AtomicInteger open = new AtomicInteger();
    private final ConnectionPermits permits;
    private final int maxMessagesPerConnection;
    private volatile long reuseLimitNanos = SmtpRelayTransport.REUSE_LIMIT.toNanos();
    private volatile long idleLimitNanos = SmtpRelayTransport.IDLE_LIMIT.toNanos();

    RelayConnectionPool(ConnectionPermits permits, int maxMessagesPerConnection) {
        this.permits = permits;
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    /** Other age and idle limits than the transport's defaults (tests). */
    void limitReuse(Duration age, Duration idleFor) {
        this.reuseLimitNanos = age.toNanos();
        this.idleLimitNanos = idleFor.toNanos();
    }

    /** Connections open now, in use or pooled. */
    int open() {
        return open.get();
    }

    /** A pooled connection fit to carry a message, or null; stale ones met on the way are retired. */
    RelayConnection take() {
        trimToShare();
        RelayConnection pooled;
        while ((pooled = idle.poll()) != null && stale(pooled)) {
            retire(pooled);
        }
        return pooled;
    }

    /**
     * Keeps a connection whose lane is done with it (and still holds its permit) for the next
     * lane, unless this node already keeps its share of the relay's connections open: after
     * another node started sending through the same relay, the connections over the new share
     * are closed as they come back, so that the nodes together stay within the relay's limit.
     */
    void giveBack(RelayConnection connection) {
        if (open.get() > permits.limit()) {
            retire(connection);
        } else {
            connection.pooledAtNanos = System.nanoTime();
            connection.everPooled = true;
            idle.add(connection);
        }
    }

    /** Whether it may carry another message: not broken or closed, under the message cap and the age limit. */
    boolean usable(RelayConnection connection) {
        return connection.usable(maxMessagesPerConnection, reuseLimitNanos);
    }

    /** Under the message cap and the age limit (a pipelined connection going from message to message). */
    boolean mayCarryAnother(RelayConnection connection) {
        return connection.sent < maxMessagesPerConnection && !connection.pastAge(reuseLimitNanos);
    }

    /** A pooled connection not to hand out again: unusable, or idle past the idle limit. */
    private boolean stale(RelayConnection pooled) {
        return !usable(pooled) || pooled.idleLongerThan(idleLimitNanos);
    }

    /**
     * Closes pooled connections while this node keeps more open than its share, as after another
     * node started sending through the relay, and those idle or open too long. Two callers at
     * once may close one more than needed, which costs a reconnect, never a connection over the
     * share.
     */
    void trimToShare() {
        RelayConnection pooled;
        while (open.get() > permits.limit() && (pooled = idle.poll()) != null) {
            retire(pooled);
        }
        for (RelayConnection c : idle) {
            if (stale(c) && idle.remove(c)) {
                retire(c);
            }
        }
    }

    /** A connection just made: counted until it is retired or closes. */
    void opened(RelayConnection connection) {
        open.incrementAndGet();
        connection.session.getCloseFuture().whenComplete((v, e) -> countOut(connection));
    }

    private void countOut(RelayConnection connection) {
        if (connection.countedOut.compareAndSet(false, true)) {
            open.decrementAndGet();
        }
    }

    /** QUIT (or close, if broken), no longer counted from now on. */
    void retire(RelayConnection connection) {
        countOut(connection);
        connection.quit();
    }

    /** Says QUIT on every pooled connection. */
    void close() {
        RelayConnection c;
        while ((c = idle.poll()) != null) {
            c.quit();
        }
    }
}
