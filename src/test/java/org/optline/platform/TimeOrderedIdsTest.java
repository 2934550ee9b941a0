package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsCarryVersionSevenTheRfcVariantAndTheCurrentTime() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        // The counter may borrow a millisecond or two ahead when earlier tests made many ids.
        assertThat(TimeOrderedIds.millisOf(id)).isBetween(before, after + 1000);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void idsMadeOneAfterAnotherSortInThatOrderAsUuidsAndAsText() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            UUID a = ids.get(i - 1);
            UUID b = ids.get(i);
            // PostgreSQL orders uuid values as unsigned bytes, which is the order of their text.
            assertThat(a.toString()).isLessThan(b.toString());
            assertThat(Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits())).isNegative();
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    }

    @Test
    void idsMadeOnManyThreadsAtOnceAreUnique() throws InterruptedException {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(TimeOrderedIds.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(200_000);
    }
}
