package org.optline.delivery.queue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.audience.SubscriberOptedOut;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The last moment's view of who must not be mailed: subscribers who unsubscribed, bounced or were
 * erased on this node in the last hour, told by the audience module's event as its transaction
 * commits. The worker checks each message against it right before the transport, after building;
 * the database check at the start of every batch covers what happened on other nodes. An hour is
 * far longer than any batch takes, so entries can be forgotten after it.
 */
@Component
class RecentOptOuts {

    private static final Duration KEEP = Duration.ofHours(1);

    private record Key(UUID clientId, UUID subscriberId) {}

    private final Map<Key, Long> optedOut = new ConcurrentHashMap<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(SubscriberOptedOut event) {
        long now = System.nanoTime();
        optedOut.put(new Key(event.clientId(), event.subscriberId()), now);
        if (optedOut.size() > 10_000) {
            optedOut.values().removeIf(at -> now - at > KEEP.toNanos());
        }
    }

    boolean contains(UUID clientId, UUID subscriberId) {
        Long at = optedOut.get(new Key(clientId, subscriberId));
        return at != null && System.nanoTime() - at < KEEP.toNanos();
    }
}
