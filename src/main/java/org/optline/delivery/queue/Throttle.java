package org.optline.delivery.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.ProviderGroups;

/**
 * Rate limits on the way out: per recipient domain group (one mailbox provider's domains), per
 * client, for the whole platform and the relay's own cap, as token buckets. A recipient that
 * finds an empty bucket is not sent now: it goes back to the queue with a time to try again, so
 * one slow provider never holds up the rest of a batch. Buckets live in this node's memory, each
 * running at its rate divided by the nodes that share it ({@link Shares}): a client's rate and its
 * own relay's cap by the nodes sending that client's mail, the rest by the nodes sending any.
 */
class Throttle {

    private static final UUID PLATFORM_RELAY = new UUID(0, 0);

    /** How many nodes are sending now (at least 1, this one). */
    interface Shares {
        int nodes();

        int nodesSending(UUID clientId);
    }

    private final ProviderGroups providers;
    private final Shares shares;
    private final Map<String, Bucket> groups = new HashMap<>();
    private final Map<UUID, Bucket> clients = new ConcurrentHashMap<>();
    private final Map<UUID, Bucket> relays = new ConcurrentHashMap<>();
    private final double clientRate;
    private final Bucket platform;

    Throttle(DeliveryProperties.Throttle settings, ProviderGroups providers, Shares shares) {
        this.providers = providers;
        this.shares = shares;
        settings.domainGroups().forEach((name, group) -> {
            if (group.perSecond() > 0) {
                groups.put(name, new Bucket(group.perSecond()));
            }
        });
        this.clientRate = settings.clientPerSecond();
        this.platform = settings.platformPerSecond() > 0 ? new Bucket(settings.platformPerSecond()) : null;
    }

    /**
     * Empty: send now (a token was taken from every bucket that applies). Otherwise: how long to
     * wait. {@code relayOf} names the relay the mail leaves through (a client whose own relay it
     * is, or null for the platform's) and {@code relayRate} that relay's cap (0 = none).
     */
    synchronized Optional<Duration> admit(UUID clientId, String recipientDomain, UUID relayOf, double relayRate) {
        Bucket group = groups.get(providers.destinationOf(recipientDomain));
        Bucket client = clientRate > 0 ? clients.computeIfAbsent(clientId, id -> new Bucket(clientRate)) : null;
        Bucket way = relayRate <= 0 ? null : relays.compute(relayOf == null ? PLATFORM_RELAY : relayOf,
                (id, b) -> b != null && b.rate == relayRate ? b : new Bucket(relayRate));
        int everyone = shares.nodes();
        int sameClient = shares.nodesSending(clientId);
        long now = System.nanoTime();
        long wait = 0;
        Bucket[] all = {group, client, platform, way};
        int[] sharedBy = {everyone, sameClient, everyone, relayOf == null ? everyone : shares.nodesSending(relayOf)};
        for (int i = 0; i < all.length; i++) {
            if (all[i] != null) {
                wait = Math.max(wait, all[i].nanosUntilToken(now, sharedBy[i]));
            }
        }
        if (wait > 0) {
            return Optional.of(Duration.ofNanos(wait));
        }
        for (Bucket b : all) {
            if (b != null) {
                b.take();
            }
        }
        return Optional.empty();
    }

    /**
     * A token bucket holding at most one second's worth of tokens: of this node's share of the
     * rate, which changes as nodes start and stop sending.
     */
    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long last;

        Bucket(double perSecond) {
            this.rate = perSecond;
            this.tokens = Math.max(1, perSecond);
            this.last = System.nanoTime();
        }

        long nanosUntilToken(long now, int sharedBy) {
            double perNano = rate / sharedBy / 1e9;
            tokens = Math.min(Math.max(1, rate / sharedBy), tokens + (now - last) * perNano);
            last = now;
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
        }

        void take() {
            tokens -= 1;
        }
    }
}
