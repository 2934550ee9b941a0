package org.optline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail leaves: the platform-wide {@link TransportKind} ({@code capture}, the default, or
 * {@code smtp} through a relay; Spring binds the names in any case), the batches it goes out in,
 * retry timing, and throttles. Every value has an {@code OPTLINE_DELIVERY_*} environment variable (README). {@code batchSize}: recipients a lane
 * claims at once; {@code lease}: how long a claim is a node's before any node may take it again;
 * {@code lanes}: how many batches of one campaign a node works on side by side; {@code dkim}: whether
 * messages are DKIM-signed when their From domain has a key. {@code nodeWindow}: how long a node's
 * announcement that it sends a client's mail counts (nodes divide throttles by the nodes sending);
 * {@code nodeHeartbeatMs}: how often a node renews its announcements and rereads the others';
 * {@code pollMs}: how often a node looks for campaigns to send when it is not sending.
 */
@ConfigurationProperties("optline.delivery")
public record DeliveryProperties(
        @DefaultValue("capture") TransportKind transport,
        @DefaultValue Smtp smtp,
        @DefaultValue Retry retry,
        @DefaultValue Throttle throttle,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10m") Duration lease,
        @DefaultValue("3") int lanes,
        @DefaultValue("true") boolean dkim,
        @DefaultValue("5s") Duration nodeWindow,
        @DefaultValue("1000") long nodeHeartbeatMs,
        @DefaultValue("500") long pollMs,
        @DefaultValue Dns dns,
        @DefaultValue ClientRelayRules clientRelays) {

    /**
     * An SMTP relay (smarthost). {@code tls}: a {@link TlsMode}, {@code none}, {@code starttls}
     * (required, not opportunistic) or {@code implicit} (SMTPS), in any case. {@code maxMessagesPerConnection}: a connection is
     * closed and replaced after this many messages; {@code maxRate}: messages per second, 0 = no cap.
     * {@code trustStore} (PKCS#12 or JKS file): the certificates to trust for the relay, for one
     * with a private CA; empty: the JDK's trusted authorities.
     */
    public record Smtp(
            @DefaultValue("localhost") String host,
            @DefaultValue("25") int port,
            @DefaultValue("none") TlsMode tls,
            String username,
            String password,
            @DefaultValue("localhost") String heloName,
            @DefaultValue("8") int maxConnections,
            @DefaultValue("1000") int maxMessagesPerConnection,
            @DefaultValue("0") double maxRate,
            @DefaultValue("30s") Duration timeout,
            String trustStore,
            String trustStorePassword) {

        /** Never prints the passwords (records would). */
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + " tls=" + (tls == null ? null : tls.wireName()) + " user=" + username
                    + " connections=" + maxConnections + "]";
        }
    }

    /**
     * Temporary failures are retried after {@code firstRetry} (minutes, for greylisting), doubling
     * up to {@code maxBackoff}, each with ±20% jitter, until the first attempt is {@code maxAge} old;
     * then the recipient fails as a soft bounce. A relay that cannot be reached at all for
     * {@code pauseWhenUnreachable} pauses the campaigns sending through it instead (0: at the first
     * batch), so that an outage never turns a list into soft bounces.
     */
    public record Retry(
            @DefaultValue("2m") Duration firstRetry,
            @DefaultValue("2h") Duration maxBackoff,
            @DefaultValue("3d") Duration maxAge,
            @DefaultValue("30m") Duration pauseWhenUnreachable) {}

    /**
     * Rates in messages per second (0 = no limit): per client, for the whole platform, and per
     * group of recipient domains that belong to one mailbox provider. Concurrency: how many SMTP
     * transactions to one provider group ({@code concurrency}; unset: {@code domainConcurrency}) or
     * to any other single recipient domain ({@code domainConcurrency}) may be open at once on one
     * relay (0 = no limit beyond the relay's connections).
     */
    public record Throttle(
            @DefaultValue("0") double clientPerSecond,
            @DefaultValue("0") double platformPerSecond,
            Map<String, DomainGroup> domains,
            @DefaultValue("20") int domainConcurrency) {

        public record DomainGroup(List<String> domains, @DefaultValue("0") double perSecond, @DefaultValue("-1") int concurrency) {}

        public Map<String, DomainGroup> domainGroups() {
            return domains == null ? Map.of() : domains;
        }
    }

    /**
     * DNS lookups that verify sending domains' records: {@code servers}, resolvers as
     * {@code host[:port]} comma-separated (empty: the system's); {@code timeout} per lookup;
     * {@code cacheTtl}, how long answers (and "no such record") are kept at most.
     */
    public record Dns(String servers, @DefaultValue("5s") Duration timeout, @DefaultValue("60s") Duration cacheTtl) {

        public Dns {
            servers = servers == null ? "" : servers;
        }
    }

    /**
     * Clients' own relays: they must be public hosts on mail ports unless {@code allowInternal}
     * (trusted installations and tests only).
     */
    public record ClientRelayRules(boolean allowInternal) {}
}
