package org.optline.tracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.optline.tracking.TrackingProperties;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The group commit's contract: answered after the write, bounded, failing whole groups, draining on stop. */
class EventWriterTest {

    static final DataSource DATA = new DriverManagerDataSource("jdbc:h2:mem:event-writer;DB_CLOSE_DELAY=-1");
    static final TenantScope SCOPE = new TenantScope(new DataSourceTransactionManager(DATA), JdbcClient.create(DATA), DATA);

    /** A store that keeps what it is given, optionally held until released or failing. */
    static final class FakeStore extends TrackedEventStore {
        final List<TrackedEvent> stored = new CopyOnWriteArrayList<>();
        final List<Integer> groups = new CopyOnWriteArrayList<>();
        final List<Integer> flushed = new CopyOnWriteArrayList<>();
        final CountDownLatch release;
        volatile boolean fail;

        FakeStore(CountDownLatch release) {
            super(null, null, SCOPE);
            this.release = release;
        }

        @Override
        void insert(List<TrackedEvent> events) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("the database is gone");
            }
            groups.add(events.size());
            stored.addAll(events);
        }

        /** H2 here: the writer flushes after every group it stored. */
        @Override
        void flushH2() {
            flushed.add(stored.size());
        }
    }

    static EventWriter writer(FakeStore store, int queue, Duration linger) {
        TrackingProperties settings = new TrackingProperties(false, Duration.ofDays(90), 25, 3,
                new TrackingProperties.Ingest(queue, 100, linger, 1, Duration.ofSeconds(10), 100, Duration.ofMillis(50), Duration.ZERO));
        // The fan-out is not started: these tests are about the writer alone.
        EventFanout fanout = new EventFanout(store, new DefaultListableBeanFactory().getBeanProvider(TrackedEventsListener.class),
                SCOPE, settings);
        EventWriter writer = new EventWriter(store, fanout, SCOPE, settings);
        writer.start();
        return writer;
    }

    static TrackedEvent event() {
        return new TrackedEvent(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), TrackedEvent.Kind.CLICK,
                0, Instant.now(), TrackedEvent.Source.HUMAN, "human", "other");
    }

    @Test
    void aHitIsAnsweredOnlyAfterItsGroupIsWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeStore store = new FakeStore(release);
        EventWriter writer = writer(store, 100, Duration.ofMillis(20));
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(writer.submit(event()));
        }
        Thread.sleep(100);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        release.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(store.stored).hasSize(10);
        assertThat(store.flushed).hasSameSizeAs(store.groups).last().isEqualTo(10);
        writer.stop();
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfGrowing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeStore store = new FakeStore(release);
        EventWriter writer = writer(store, 4, Duration.ZERO);
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        accepted.add(writer.submit(event()));
        Thread.sleep(200); // the writer took the first one and is held in its insert
        for (int i = 0; i < 4; i++) {
            accepted.add(writer.submit(event()));
        }
        assertThat(accepted).doesNotContainNull();
        assertThat(writer.submit(event())).isNull();
        release.countDown();
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(store.stored).hasSize(5);
        writer.stop();
    }

    @Test
    void aFailedWriteFailsEveryHitOfItsGroup() {
        CountDownLatch release = new CountDownLatch(0);
        FakeStore store = new FakeStore(release);
        store.fail = true;
        EventWriter writer = writer(store, 100, Duration.ofMillis(5));
        CompletableFuture<Void> one = writer.submit(event());
        CompletableFuture<Void> two = writer.submit(event());
        assertThat(one).failsWithin(Duration.ofSeconds(10));
        assertThat(two).failsWithin(Duration.ofSeconds(10));
        writer.stop();
    }

    @Test
    void stoppingWritesEverythingQueuedAndRefusesWhatComesAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeStore store = new FakeStore(release);
        EventWriter writer = writer(store, 1000, Duration.ofMillis(1));
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            accepted.add(writer.submit(event()));
        }
        Thread stopping = new Thread(writer::stop);
        stopping.start();
        Thread.sleep(100);
        assertThat(writer.submit(event())).isNull();
        release.countDown();
        stopping.join(30_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(accepted).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(store.stored).hasSize(500);
    }
}
