package org.optline.delivery.queue;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.optline.delivery.DeliveryProperties;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which nodes are sending whose mail now, so that a rate set for a client, a provider or the whole
 * platform holds for the platform and not for each node (N nodes would otherwise send N times it).
 * Each node writes one row per client whose campaign it worked on within the window, renewed
 * every second, and reads everyone's; {@link Throttle} then runs each bucket at its rate divided
 * by the nodes sharing it. The database is all the nodes share, as for the queue.
 *
 * <p>A node announces a client at once, when it first works on that client's campaign, so the
 * others slow down within their next second. A node that stops removes its rows; one that dies
 * stops renewing them, and after the window the others take up its share. Node clocks are taken
 * to agree within well under the window (NTP), as for leases.
 */
@Component
class SendingNodes implements Throttle.Shares {

    private static final Logger log = LoggerFactory.getLogger(SendingNodes.class);

    /** Clients whose campaigns this node works on, and when it last did. */
    private final Map<UUID, Instant> working = new ConcurrentHashMap<>();
    private final UUID node = UUID.randomUUID();
    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final Clock clock;
    private final Duration window;
    private final NamedSql sql = NamedSql.forClass(SendingNodes.class);
    private volatile Counts counts = new Counts(Map.of(), 0);
    /** Whether this node's last publish left rows of its own in the table. */
    private boolean hasRows;
    /** Set on shutdown: a lane still finishing must not write this node's rows back. */
    private volatile boolean closed;
    /**
     * Its own thread: Spring's scheduler has one, which the worker's poll holds for as long as a
     * round of sending lasts, minutes on a large campaign.
     */
    private final ScheduledExecutorService beat =
            Executors.newSingleThreadScheduledExecutor(DeliveryWorker.threads("sending-nodes"));

    @Autowired
    SendingNodes(JdbcClient jdbc, TenantScope scope, Clock clock, DeliveryProperties settings) {
        this(jdbc, scope, clock, settings.nodeWindow());
        beatEvery(settings.nodeHeartbeatMs());
    }

    /** Without a heartbeat of its own: whoever made it calls {@link #heartbeat} (tests). */
    SendingNodes(JdbcClient jdbc, TenantScope scope, Clock clock, Duration window) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.clock = clock;
        this.window = window;
    }

    /** Renews this node's rows and rereads everyone's every {@code millis}. */
    private void beatEvery(long millis) {
        beat.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** How many nodes send each client's mail, and how many send any. */
    private record Counts(Map<UUID, Integer> byClient, int nodes) {}

    /** At each round on a client's campaign and each batch of it; announces a client new here at once. */
    void sending(UUID clientId) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Instant before = working.put(clientId, now);
        if (before == null || before.plus(window).isBefore(now)) {
            try {
                publish();
            } catch (RuntimeException e) {
                log.warn("Could not announce sending for client {}; rates assume the last known nodes", clientId, e);
            }
        }
    }

    void heartbeat() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("Could not renew this node's sending rows; rates assume the last known nodes", e);
        }
    }

    /** Writes this node's rows, reads everyone's and counts them. */
    synchronized void publish() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        working.values().removeIf(last -> last.plus(window).isBefore(now));
        if (working.isEmpty() && !hasRows) {
            return; // an idle node has nothing to say and no rate to share: no statements
        }
        boolean writing = !working.isEmpty();
        OffsetDateTime at = Times.now(clock);
        counts = scope.asPlatform(() -> {
            if (scope.isPostgres()) {
                // One node's publish at a time: two that overlapped could each miss the other's
                // new row and both run at the whole rate until their next beat. (H2 is one node.)
                jdbc.sql(sql.get("one-at-a-time-postgresql")).query(rs -> { });
            }
            jdbc.sql(sql.get("forget-node")).param("node", node).update();
            for (UUID clientId : working.keySet()) {
                jdbc.sql(sql.get("insert-work")).param("node", node).param("clientId", clientId).param("at", at).update();
            }
            jdbc.sql(sql.get("forget-dead")).param("before", at.minus(window.multipliedBy(10))).update();
            Map<UUID, Integer> byClient = new HashMap<>();
            Set<UUID> nodes = new HashSet<>();
            RowCallbackHandler count = rs -> {
                nodes.add(rs.getObject("node_id", UUID.class));
                byClient.merge(rs.getObject("client_id", UUID.class), 1, Integer::sum);
            };
            jdbc.sql(sql.get("nodes-at-work")).param("since", at.minus(window)).query(count);
            return new Counts(Map.copyOf(byClient), nodes.size());
        });
        hasRows = writing;
    }

    @Override
    public int nodes() {
        return Math.max(1, counts.nodes());
    }

    @Override
    public int nodesSending(UUID clientId) {
        return Math.max(1, counts.byClient().getOrDefault(clientId, 0));
    }

    /** On shutdown: the others need not wait out the window to take this node's share. */
    @PreDestroy
    synchronized void leave() {
        closed = true;
        beat.shutdownNow();
        working.clear();
        hasRows = false;
        try {
            scope.asPlatform(() -> jdbc.sql(sql.get("forget-node")).param("node", node).update());
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's sending rows; they lapse after {}", window, e);
        }
    }
}
