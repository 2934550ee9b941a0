package org.optline.inbound.spool;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.optline.inbound.InboundProperties;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit of received messages, as the tracking module's EventWriter does for hits. SMTP
 * handler threads {@link #submit} a message and wait for its future; writer threads take what is
 * waiting (up to {@code batch} messages, and whatever comes within {@code linger}, by default none),
 * insert it in one transaction and only after the commit (and, on H2, the write to its file)
 * complete the futures with each message's stored id. So a sender is answered 250 only once its
 * message is durable, and a few hundred messages a second cost a few dozen transactions.
 *
 * <p>The queue is bounded: when it is full, {@link #submit} answers null at once and the sender
 * is answered 451 (try again later) rather than the message being held in memory. Stopping
 * refuses new messages, then writes everything already queued; it runs after the listener has
 * stopped (a lower lifecycle phase) and before the database pool closes.
 */
@Component
public class SpoolWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);

    /** One message and the sender waiting for it. */
    private record Pending(InboundStore.Incoming message, CompletableFuture<UUID> stored) {}

    private final InboundStore store;
    private final TenantScope scope;
    private final SpoolProcessor processor;
    private final Clock clock;
    private final InboundProperties.Store settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean accepting;
    private volatile boolean running;

    SpoolWriter(InboundStore store, TenantScope scope, SpoolProcessor processor, Clock clock, InboundProperties settings) {
        this.store = store;
        this.scope = scope;
        this.processor = processor;
        this.clock = clock;
        this.settings = settings.store();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, this.settings.queue()));
    }

    /**
     * A future completed with the message's stored id once it is committed (the id stored before,
     * for a message already there), failed if its group failed; null when the queue is full or closed.
     */
    public CompletableFuture<UUID> submit(InboundStore.Incoming message) {
        if (!accepting) {
            return null;
        }
        Pending pending = new Pending(message, new CompletableFuture<>());
        return queue.offer(pending) ? pending.stored() : null;
    }

    @Override
    public void start() {
        running = true;
        accepting = true;
        for (int i = 0; i < Math.max(1, settings.writers()); i++) {
            Thread t = new Thread(this::writeUntilStopped, "inbound-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Refuses new messages, then waits until the writers have written all that was queued. */
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

    /** Below the listener (which stops first and waits for its messages), above the processor. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void writeUntilStopped() {
        int batch = Math.max(1, settings.batch());
        List<Pending> group = new ArrayList<>(batch);
        long linger = settings.linger().toNanos();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                long until = System.nanoTime() + linger;
                while (group.size() < batch) {
                    if (queue.drainTo(group, batch - group.size()) > 0) {
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
        List<InboundStore.Incoming> messages = group.stream().map(Pending::message).toList();
        processor.arriving(messages.size());
        Map<String, UUID> ids;
        try {
            if (store.isPostgres()) {
                // One statement outside a transaction commits itself before it answers: a single
                // round trip. inbound_messages is a platform table without row-level security, so
                // the statement needs no tenant scope.
                ids = store.insert(messages, null, null);
            } else {
                ids = scope.asPlatform(() -> store.insert(messages, null, null));
                store.flushH2();
            }
        } catch (RuntimeException e) {
            log.warn("Could not store {} inbound messages; their senders are answered 451: {}", messages.size(), e.toString());
            group.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        for (Pending p : group) {
            UUID id = ids.get(p.message().dedupeKey());
            if (id == null) {
                p.stored().completeExceptionally(new IllegalStateException("stored message not found by its key"));
            } else {
                p.stored().complete(id);
            }
        }
        processor.stored();
    }

    /** The time a message is received, for its handler. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
