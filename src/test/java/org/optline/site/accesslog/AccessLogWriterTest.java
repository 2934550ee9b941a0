package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optline.platform.TenantScope;

/** The writer's queue: requests never wait, what does not fit is dropped and counted, a full batch is stored at once. */
class AccessLogWriterTest {

    /** Rows "stored", or a failure to answer instead. */
    static final class Stored extends AccessLogStore {
        final List<AccessEntry> rows = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        Stored() {
            super(null, null);
        }

        @Override
        void insert(List<AccessEntry> entries) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            rows.addAll(entries);
        }
    }

    final Stored store = new Stored();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AccessLogWriter writer;

    private AccessLogWriter writer(int queue, int batch, Duration flushEvery) {
        TenantScope scope = mock(TenantScope.class);
        doAnswer(call -> {
            call.<Runnable>getArgument(0).run();
            return null;
        }).when(scope).asPlatform(any(Runnable.class));
        writer = new AccessLogWriter(store, scope, new AccessLogProperties(Duration.ofDays(90), queue, batch, flushEvery), meters);
        writer.start();
        return writer;
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    private static AccessEntry entry(String path) {
        return new AccessEntry(OffsetDateTime.now(ZoneOffset.UTC), "GET", path, 200, 1, null, "Chrome", "203.0.113.0");
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    @Test
    void whatDoesNotFitIsDroppedAndCountedNotWaitedFor() {
        AccessLogWriter w = writer(2, 500, Duration.ofHours(1));
        assertThat(w.submit(entry("/a"))).isTrue();
        assertThat(w.submit(entry("/b"))).isTrue();
        assertThat(w.submit(entry("/c"))).isFalse();
        assertThat(counter("optline.site.access.log.dropped")).isEqualTo(1);
        assertThat(store.rows).as("rows wait for flushEvery").isEmpty();

        w.flush();
        assertThat(store.rows).extracting(AccessEntry::path).containsExactly("/a", "/b");
        assertThat(counter("optline.site.access.log.written")).isEqualTo(2);
        assertThat(w.submit(entry("/d"))).as("room again").isTrue();
    }

    @Test
    void aFullBatchIsStoredWithoutWaitingAndTheRestAtStop() {
        AccessLogWriter w = writer(100, 3, Duration.ofHours(1));
        for (String path : List.of("/1", "/2", "/3", "/4")) {
            w.submit(entry(path));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.rows.size() >= 3);
        w.stop();
        assertThat(store.rows).extracting(AccessEntry::path).containsExactly("/1", "/2", "/3", "/4");
        assertThat(w.submit(entry("/5"))).as("stopped: refused").isFalse();
        writer = null;
    }

    @Test
    void rowsAreStoredEveryFlushInterval() {
        AccessLogWriter w = writer(100, 500, Duration.ofMillis(50));
        w.submit(entry("/soon"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.rows.size() == 1);
    }

    @Test
    void aBatchTheDatabaseRefusesIsDroppedAndCounted() {
        AccessLogWriter w = writer(100, 500, Duration.ofHours(1));
        store.failing = true;
        w.submit(entry("/x"));
        w.submit(entry("/y"));
        w.flush();
        assertThat(counter("optline.site.access.log.dropped")).isEqualTo(2);
        store.failing = false;
        w.submit(entry("/z"));
        w.flush();
        assertThat(store.rows).extracting(AccessEntry::path).containsExactly("/z");
    }
}
