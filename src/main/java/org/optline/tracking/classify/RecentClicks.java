package org.optline.tracking.classify;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last click of each message seen lately on this node, for the {@code link-burst} rule. A
 * burst split between nodes behind a load balancer is seen only in part; the rule then catches
 * less, it never catches wrongly. Bounded: past {@link #MAX} messages the memory starts afresh.
 */
@Component
public class RecentClicks {

    static final int MAX = 100_000;

    private record Message(UUID campaignId, UUID subscriberId) {}

    private record Click(int link, long nanos) {}

    private final Map<Message, Click> last = new ConcurrentHashMap<>();

    /**
     * Records a click of {@code link} and answers how long ago another link of the same message was
     * clicked (null when none was, or the message is anonymous).
     */
    public Duration clicked(UUID campaignId, UUID subscriberId, int link, long nanos) {
        if (subscriberId == null) {
            return null;
        }
        if (last.size() >= MAX) {
            last.clear();
        }
        Click before = last.put(new Message(campaignId, subscriberId), new Click(link, nanos));
        return before == null || before.link() == link ? null : Duration.ofNanos(nanos - before.nanos());
    }
}
