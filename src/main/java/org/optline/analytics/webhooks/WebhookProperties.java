package org.optline.analytics.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings ({@code optline.webhooks}).
 *
 * @param allowInternal  let endpoints point at loopback, private, link-local or reserved addresses
 *                       ({@code OPTLINE_WEBHOOKS_ALLOW_INTERNAL}; trusted installations and tests)
 * @param pollMs         how often each node looks for due deliveries
 * @param batchSize      deliveries one node claims at a time
 * @param concurrency    requests one node has open at once
 * @param connectTimeout how long to wait for an endpoint to accept the connection
 * @param requestTimeout how long to wait for its answer
 * @param firstRetry     the wait after the first failed attempt; it doubles after each one
 * @param maxBackoff     the longest wait between two attempts
 * @param giveUpAfter    how long after the event the attempts stop
 * @param lease          how long a claimed delivery is a node's before another may take it
 * @param endpointCache  how long a node trusts what it read of a client's endpoints: an endpoint
 *                       added on another node is written to by this one at most that much later
 * @param logRetention   how long the delivery log keeps attempts
 */
@ConfigurationProperties("optline.webhooks")
record WebhookProperties(@DefaultValue("false") boolean allowInternal, @DefaultValue("1000") long pollMs,
                         @DefaultValue("50") int batchSize, @DefaultValue("8") int concurrency,
                         @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
                         @DefaultValue("30s") Duration firstRetry, @DefaultValue("2h") Duration maxBackoff,
                         @DefaultValue("24h") Duration giveUpAfter, @DefaultValue("5m") Duration lease,
                         @DefaultValue("10s") Duration endpointCache, @DefaultValue("30d") Duration logRetention) {

    /** The wait after {@code attempts} failed attempts: {@link #firstRetry} doubled each time, at most {@link #maxBackoff}. */
    Duration backoff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
