package org.optline.tracking.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit of tracking events. Request threads {@link #submit} an event and wait for its
 * future; writer threads take what is waiting (up to {@code batch} events, or whatever came within
 * {@code linger} of the first), insert it in one transaction (the events, and the same events
 * queued for the {@link EventFanout}, which hands them to the listeners afterwards), and only
 * after the commit complete the futures. So a hit is answered as stored only once its event is
 * durable, and a thousand hits a second cost a few dozen transactions, not a thousand.
 *
 * <p>The queue is bounded: when it is full, {@link #submit} answers null at once and the hit is
 * refused (503, Retry-After) rather than held in memory. Stopping refuses new events, then writes
 * everything already queued before the threads end; it runs after the web server has stopped
 * taking requests (a lower lifecycle phase) and before the database pool closes.
 */
@Component
public class EventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    /** One event and the hit waiting for it. */
    private record Pending(TrackedEvent event, CompletableFuture<Void> stored) {}

    private final TrackedEventStore store;
    private final EventFanout fanout;
    private final TenantScope scope;
    private final TrackingProperties.Ingest settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean accepting;
    private volatile boolean running;

    EventWriter(TrackedEventStore store, EventFanout fanout, TenantScope scope, TrackingProperties settings) {
        this.store = store;
        this.fanout = fanout;
        this.scope = scope;
        this.settings = settings.ingest();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, this.settings.queue()));
    }

    /** A future completed once {@code event} is committed (failed if its group failed), or null when the queue is full or closed. */
    public CompletableFuture<Void> submit(TrackedEvent event) {
        if (!accepting) {
            return null;
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        return queue.offer(pending) ? pending.stored() : null;
    }

    @Override
    public void start() {
        running = true;
        accepting = true;
        for (int i = 0; i < Math.max(1, settings.writers()); i++) {
            Thread t = new Thread(this::writeUntilStopped, "tracking-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Refuses new events, then waits until the writers have written all that was queued. */
    @Override
    public void stop() {
        accepting = false;
        running = false;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running || !writers.isEmpty();
    }

    /** After the web server (which stops in a higher phase), before the beans the writes need. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void writeUntilStopped() {
        List<Pending> group = new ArrayList<>(settings.batch());
        long linger = settings.linger().toNanos();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                long until = System.nanoTime() + linger;
                while (group.size() < settings.batch()) {
                    if (queue.drainTo(group, settings.batch() - group.size()) > 0) {
                        continue;
                    }
                    long left = until - System.nanoTime();
                    Pending next = left > 0 && running ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                }
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                write(group);
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        List<TrackedEvent> events = group.stream().map(Pending::event).toList();
        try {
            // The platform scope: a group holds many clients' events (row-level security allows
            // platform work on every client's rows; nothing here reads on a client's behalf).
            scope.asPlatform(() -> store.insert(events));
            if (!scope.isPostgres()) {
                store.flushH2();
            }
        } catch (RuntimeException e) {
            log.warn("Could not store {} tracking events; their hits are answered 503: {}", events.size(), e.toString());
            group.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        group.forEach(p -> p.stored().complete(null));
        fanout.wake();
    }
}
