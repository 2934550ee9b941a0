package org.optline.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sliding-window rate limits for public endpoints (ASVS 2.4: subscription bombing). Counts are kept
 * per node in memory: with N nodes behind a balancer an address gets at most N times the limit,
 * which still stops floods; a shared limit would cost a database write per public request.
 */
@Component
public class RateLimiter {

    private final Map<String, Deque<Long>> hits = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Records a hit for {@code key} and answers whether it is within {@code max} per {@code window}. */
    public boolean tryAcquire(String key, int max, Duration window) {
        long now = clock.millis();
        long since = now - window.toMillis();
        Deque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= since) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Forgets keys that have been quiet for a day, so memory stays bounded. */
    @Scheduled(fixedDelay = 600_000)
    void forgetQuietKeys() {
        long dayAgo = clock.millis() - Duration.ofDays(1).toMillis();
        hits.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast() < dayAgo;
            }
        });
    }
}
