package org.optline.delivery.queue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.optline.campaign.SendCounts;
import org.optline.campaign.SendProgress;
import org.optline.platform.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The send queue's counts, for the campaign pages and the API. Counting a campaign still being
 * sent reads every row of its queue (no index names the state, so that settles stay HOT): half a
 * second at 1M recipients. A count that slow is reused for ten times as long as it took, so a
 * page polling every two seconds costs a tenth of a core at most; quick counts are never reused.
 */
@Component
class QueueProgress implements SendProgress {

    /** Counts quicker than this are always taken afresh. */
    static final Duration REUSE_FROM = Duration.ofMillis(100);

    private record Key(UUID clientId, UUID campaignId) {}

    private record Counted(SendCounts counts, long freshUntilNanos) {}

    private final BiFunction<UUID, UUID, SendCounts> count;
    private final LongSupplier nanoTime;
    private final Map<Key, Counted> slowCounts = new ConcurrentHashMap<>();

    @Autowired
    QueueProgress(QueueCounts queue, TenantScope scope) {
        this((clientId, campaignId) -> scope.inClient(clientId, () -> queue.counts(clientId, campaignId)), System::nanoTime);
    }

    QueueProgress(BiFunction<UUID, UUID, SendCounts> count, LongSupplier nanoTime) {
        this.count = count;
        this.nanoTime = nanoTime;
    }

    @Override
    public SendCounts counts(UUID clientId, UUID campaignId) {
        Key key = new Key(clientId, campaignId);
        long start = nanoTime.getAsLong();
        Counted last = slowCounts.get(key);
        if (last != null && start - last.freshUntilNanos() < 0) {
            return last.counts();
        }
        SendCounts counts = count.apply(clientId, campaignId);
        long took = nanoTime.getAsLong() - start;
        if (slowCounts.size() > 1_000) {
            slowCounts.clear(); // campaigns nobody looks at any more
        }
        if (took >= REUSE_FROM.toNanos()) {
            slowCounts.put(key, new Counted(counts, start + 11 * took));
        } else {
            slowCounts.remove(key);
        }
        return counts;
    }
}
