package org.optline.site.accesslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes logged requests in the background, in batches. A request only puts its entry on a
 * bounded queue and goes on; one writer thread stores what waits, up to {@code batch} rows at a
 * time, at least every {@code flushEvery}. When the queue is full the entry is dropped and counted
 * ({@code optline_site_access_log_dropped_total}): trends may lose a request, a visitor never waits
 * for them. A batch the database refuses is dropped and counted likewise. Stopping refuses new
 * entries and writes all that waited; it runs after the web server stopped taking requests (a
 * lower lifecycle phase) and before the database pool closes.
 */
@Component
class AccessLogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);

    private final AccessLogStore store;
    private final TenantScope scope;
    private final AccessLogProperties settings;
    private final BlockingQueue<AccessEntry> queue;
    private final Counter dropped;
    private final Counter written;
    /** Held while a batch is taken and stored, so that {@link #flush} returns only once all before it is in. */
    private final Object writing = new Object();
    private volatile boolean accepting;
    private volatile boolean running;
    private volatile Thread writer;

    AccessLogWriter(AccessLogStore store, TenantScope scope, AccessLogProperties settings, MeterRegistry meters) {
        this.store = store;
        this.scope = scope;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.queue()));
        this.dropped = Counter.builder("optline.site.access.log.dropped")
                .description("Requests to the site left out of its access log: the queue was full or the write failed")
                .register(meters);
        this.written = Counter.builder("optline.site.access.log.written")
                .description("Requests to the site stored in its access log").register(meters);
    }

    /** Queues {@code entry}; never waits. False when it was dropped. */
    boolean submit(AccessEntry entry) {
        if (accepting && queue.offer(entry)) {
            if (queue.size() >= settings.batch()) {
                LockSupport.unpark(writer);
            }
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Stores everything queued before this call, on the caller's thread. */
    void flush() {
        while (writeBatch()) {
            // until the queue is empty; a batch the writer thread holds is stored before this one starts
        }
    }

    @Override
    public void start() {
        running = true;
        accepting = true;
        writer = new Thread(this::writeUntilStopped, "access-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Refuses new entries, lets the writer finish its batch, and stores the rest. */
    @Override
    public void stop() {
        accepting = false;
        running = false;
        Thread t = writer;
        if (t != null) {
            // Woken, not interrupted: an interrupt inside a JDBC call can close H2's file.
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (which stops in a higher phase), before the beans the writes need. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void writeUntilStopped() {
        long pause = Math.max(1, settings.flushEvery().toNanos());
        while (running) {
            if (queue.size() < settings.batch()) {
                // Rows wait up to flushEvery for others; a full batch wakes the writer at once.
                LockSupport.parkNanos(this, pause);
            }
            while (running && writeBatch()) {
                // until the queue is empty
            }
        }
    }

    /** Takes and stores one batch; false when the queue was empty. */
    private boolean writeBatch() {
        synchronized (writing) {
            List<AccessEntry> batch = new ArrayList<>(settings.batch());
            queue.drainTo(batch, settings.batch());
            if (batch.isEmpty()) {
                return false;
            }
            write(batch);
            return true;
        }
    }

    private void write(List<AccessEntry> batch) {
        try {
            scope.asPlatform(() -> store.insert(batch));
            written.increment(batch.size());
            log.debug("Stored {} access log rows", batch.size());
        } catch (RuntimeException e) {
            dropped.increment(batch.size());
            log.warn("Could not store {} access log rows; they are dropped: {}", batch.size(), e.toString());
        }
    }
}
