package org.optline.tracking.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.optline.tracking.TrackingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands stored tracking events to every {@link TrackedEventsListener}, after the hits were
 * answered. Each pass takes up to {@code fanoutBatch} of the oldest queued events off the pending
 * table, calls the listeners with them and commits both together: an event reaches the listeners'
 * tables exactly once, whichever node takes it, and a pass that fails (or a process that dies)
 * leaves its events queued for the next one.
 *
 * <p>Why not in the hit's own transaction: the rollups update a few hot rows per campaign, and
 * two writers holding those rows' locks until their commits took turns instead of writing side by
 * side; summing thousands of events per pass also writes each campaign's rows once where a group
 * of a few dozen wrote them every time (bench/track.sh, profiled). For the same reason a pass that
 * emptied the queue is followed by a short pause ({@code fanout-pause}) before the writer's next
 * wake-up counts. Reports trail the hits by a pass and that pause, well under a second.
 */
@Component
public class EventFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFanout.class);
    /** After a failed pass, before the next try. */
    private static final Duration BACK_OFF = Duration.ofSeconds(1);
    /** How long stopping keeps handing events over before it leaves the rest to the next start. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final TrackedEventStore store;
    private final ObjectProvider<TrackedEventsListener> listenerBeans;
    private final TenantScope scope;
    private final int batch;
    private final Duration idle;
    private final Duration pause;
    private final Semaphore stored = new Semaphore(0);
    private List<TrackedEventsListener> listeners = List.of();
    private volatile boolean running;
    private Thread thread;

    EventFanout(TrackedEventStore store, ObjectProvider<TrackedEventsListener> listeners, TenantScope scope,
                TrackingProperties settings) {
        this.store = store;
        this.listenerBeans = listeners;
        this.scope = scope;
        this.batch = Math.max(1, settings.ingest().fanoutBatch());
        this.idle = settings.ingest().fanoutIdle();
        this.pause = settings.ingest().fanoutPause();
    }

    /** Called by the writer after a commit: there is work, do not wait for the idle poll. */
    void wake() {
        if (stored.availablePermits() == 0) {
            stored.release();
        }
    }

    /** One pass: hands up to a batch of queued events to the listeners; answers how many. */
    int handOver() {
        return scope.asPlatform(() -> {
            List<TrackedEvent> events = store.takePending(batch);
            if (!events.isEmpty()) {
                for (TrackedEventsListener listener : listeners) {
                    listener.stored(events);
                }
            }
            return events.size();
        });
    }

    @Override
    public void start() {
        listeners = listenerBeans.orderedStream().toList();
        running = true;
        thread = new Thread(this::runUntilStopped, "tracking-fanout");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        stored.release();
        if (thread != null) {
            try {
                thread.join(DRAIN.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the writer's phase: stops after it, so what the writer stored last is handed over too. */
    @Override
    public int getPhase() {
        return -1;
    }

    private void runUntilStopped() {
        while (running) {
            try {
                if (handOver() < batch) {
                    // A short pause before the next wake-up lets a busy stream of hits gather into
                    // passes of thousands: the rollups then write each campaign's rows once per pass.
                    Thread.sleep(pause.toMillis());
                    stored.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not hand stored tracking events to their listeners; trying again: {}", e.toString());
                sleep(BACK_OFF);
            }
        }
        drain();
    }

    private void drain() {
        long until = System.nanoTime() + DRAIN.toNanos();
        try {
            int handedOver;
            do {
                handedOver = handOver();
            } while (handedOver > 0 && System.nanoTime() < until); // the rest waits for the next start
        } catch (RuntimeException e) {
            log.warn("Stopping with tracking events not yet handed over; the next start takes them: {}", e.toString());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
