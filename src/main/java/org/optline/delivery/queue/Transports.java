package org.optline.delivery.queue;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.delivery.ClientRelay;
import org.optline.delivery.ClientRelays;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.TransportKind;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.ProviderGroups;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.springframework.stereotype.Component;

/**
 * Which transport a client's mail leaves through: the client's own relay when one is set, else the
 * platform's. Mail that leaves the platform (any SMTP relay) is sent only From a verified sending
 * domain; the capture outbox takes any of the client's domains. A client's relay keeps its connection pool between campaigns and is rebuilt when
 * the client changes its settings. Each relay's connection and concurrency limits are divided
 * among the nodes sending through it ({@link SendingNodes}), as the rate caps are.
 */
@Component
class Transports {

    /** A transport and the rate cap that goes with it (0 = none). */
    record Route(MailTransport transport, double maxRate, UUID relayOf) {}

    private record Pooled(ClientRelay relay, SmtpRelayTransport transport) {}

    private final MailTransport platform;
    private final ClientRelays relays;
    private final DeliveryProperties settings;
    private final Map<UUID, Pooled> pools = new ConcurrentHashMap<>();
    private final ProviderGroups destinations;

    private final SendingNodes nodes;
    private final SendingDomains domains;

    Transports(MailTransport platform, ClientRelays relays, DeliveryProperties settings, ProviderGroups destinations,
               SendingNodes nodes, SendingDomains domains) {
        this.domains = domains;
        this.platform = platform;
        this.relays = relays;
        this.settings = settings;
        this.destinations = destinations;
        this.nodes = nodes;
        // The platform's relay serves every node sending anyone's mail, as its rate cap does (Throttle).
        if (platform instanceof SmtpRelayTransport relay) {
            relay.shareLimitsWith(nodes::nodes);
        }
    }

    MailTransport platform() {
        return platform;
    }

    /** Recipient domains by mailbox provider, as every relay here counts them. */
    ProviderGroups destinations() {
        return destinations;
    }

    /** A way out a campaign cannot use now (its relay, or its From domain for that relay); the message is for the client to read. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    /** The way out for a client's mail From {@code fromEmail}. */
    Route forClient(UUID clientId, String fromEmail) {
        Route route = forClient(clientId);
        String domain = fromEmail.substring(fromEmail.lastIndexOf('@') + 1);
        if (route.transport().leavesThePlatform() && !domains.verified(clientId, domain)) {
            throw new Unusable("The From domain " + domain + " is not verified: mail through an SMTP relay is only sent From a "
                    + "sending domain whose DKIM record is published. Publish it, verify the domain on the sending domains "
                    + "page, then resume the campaign.");
        }
        return route;
    }

    private Route forClient(UUID clientId) {
        Optional<ClientRelay> relay = relays.forDelivery(clientId);
        if (relay.isPresent() && relay.get().username() != null && !relay.get().hasPassword()) {
            // Only a stored password that would not open comes back missing (a login always has one).
            throw new Unusable("The password of your SMTP relay could not be read. Enter it again in the relay "
                    + "settings, then resume the campaign.");
        }
        if (relay.isEmpty()) {
            Pooled old = pools.remove(clientId);
            if (old != null) {
                old.transport().close();
            }
            double rate = settings.transport() == TransportKind.SMTP ? settings.smtp().maxRate() : 0;
            return new Route(platform, rate, null);
        }
        Pooled pooled = pools.compute(clientId, (id, old) -> {
            if (old != null && old.relay().equals(relay.get())) {
                return old;
            }
            if (old != null) {
                old.transport().close();
            }
            SmtpRelayTransport transport = new SmtpRelayTransport(smtpSettings(relay.get()), destinations, relays.addressPolicy());
            // A client's own relay serves the nodes sending that client's mail.
            transport.shareLimitsWith(() -> nodes.nodesSending(clientId));
            return new Pooled(relay.get(), transport);
        });
        return new Route(pooled.transport(), relay.get().maxRate(), clientId);
    }

    /** The client's relay with the platform's EHLO name and timeout; the JDK's trusted authorities. */
    private DeliveryProperties.Smtp smtpSettings(ClientRelay r) {
        var p = settings.smtp();
        return new DeliveryProperties.Smtp(r.host(), r.port(), r.tls(), r.username(), r.password(), p.heloName(),
                r.maxConnections(), r.maxMessagesPerConnection(), r.maxRate(), p.timeout(), null, null);
    }

    /**
     * Closes pooled relay connections over this node's share (another node started sending), so
     * that idle connections count against the relay's limit for all nodes too, and those idle or
     * open too long ({@link SmtpRelayTransport#trimToShare}).
     */
    void trimToShares() {
        if (platform instanceof SmtpRelayTransport relay) {
            relay.trimToShare();
        }
        pools.values().forEach(p -> p.transport().trimToShare());
    }

    @PreDestroy
    void close() {
        pools.values().forEach(p -> p.transport().close());
    }
}
