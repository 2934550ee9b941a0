package org.optline.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.optline.delivery.relays.RelayAddresses;
import org.optline.delivery.relays.RelayStore;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * A client's own SMTP relay: when set, that client's campaigns leave through it instead of the
 * platform's transport. Client admins set it; the password is write-only.
 */
@Service
public class ClientRelays {

    private static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\\[?[0-9a-fA-F:.]+]?$");

    /** What a client submits; a blank password keeps the one already stored. */
    public record RelayInput(String host, Integer port, String tls, String username, String password, Integer maxConnections,
                             Integer maxMessagesPerConnection, Double maxRate) {}

    private final RelayStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean allowInternal;

    public ClientRelays(RelayStore store, TenantScope scope, AuditLog audit, Clock clock, DeliveryProperties settings) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.allowInternal = settings.clientRelays().allowInternal();
    }

    /**
     * The check a client relay's transport applies to the address it is about to connect to, before
     * every batch: the name may resolve elsewhere now than when the relay was saved.
     */
    public SmtpRelayTransport.AddressPolicy addressPolicy() {
        return allowInternal ? SmtpRelayTransport.AddressPolicy.ANY : RelayAddresses::problem;
    }

    /** The actor's client's relay, without its password. */
    public Optional<ClientRelay> get(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId)).map(ClientRelay::withoutPassword);
    }

    /** Whether a password is stored for the actor's client's relay (it is never shown). */
    public boolean hasPassword(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId)).map(ClientRelay::hasPassword).orElse(false);
    }

    public ClientRelay save(Actor actor, RelayInput in) {
        UUID clientId = requireAdmin(actor);
        List<ValidationException.FieldError> errors = new ArrayList<>();
        String host = in.host() == null ? "" : in.host().strip();
        if (!HOST.matcher(host).matches()) {
            errors.add(new ValidationException.FieldError("host", "is not a host name or address like smtp.example.com"));
        }
        int port = in.port() == null ? 587 : in.port();
        if (port < 1 || port > 65535) {
            errors.add(new ValidationException.FieldError("port", "must be between 1 and 65535"));
        }
        Optional<TlsMode> parsed = in.tls() == null || in.tls().isBlank() ? Optional.of(TlsMode.STARTTLS)
                : TlsMode.fromWire(in.tls());
        TlsMode tls = parsed.orElse(null);
        if (parsed.isEmpty()) {
            errors.add(new ValidationException.FieldError("tls", "must be none, starttls or implicit"));
        }
        int connections = in.maxConnections() == null ? 4 : in.maxConnections();
        if (connections < 1 || connections > 50) {
            errors.add(new ValidationException.FieldError("maxConnections", "must be between 1 and 50"));
        }
        int perConnection = in.maxMessagesPerConnection() == null ? 1000 : in.maxMessagesPerConnection();
        if (perConnection < 1 || perConnection > 100_000) {
            errors.add(new ValidationException.FieldError("maxMessagesPerConnection", "must be between 1 and 100000"));
        }
        double rate = in.maxRate() == null ? 0 : in.maxRate();
        if (rate < 0 || rate > 100_000 || Double.isNaN(rate)) {
            errors.add(new ValidationException.FieldError("maxRate", "must be between 0 (no cap) and 100000 per second"));
        }
        String username = in.username() == null || in.username().isBlank() ? null : in.username().strip();
        if (username != null && username.length() > 200) {
            errors.add(new ValidationException.FieldError("username", TextFields.tooLong(200)));
        }
        if (in.password() != null && in.password().length() > 500) {
            errors.add(new ValidationException.FieldError("password", TextFields.tooLong(500)));
        }
        if (username != null && tls == TlsMode.NONE) {
            errors.add(new ValidationException.FieldError("tls", "must be starttls or implicit when a login is given: "
                    + "the password would otherwise cross the network in clear"));
        }
        if (errors.isEmpty()) {
            RelayAddresses.problem(host, port, allowInternal).ifPresent(p -> errors.add(new ValidationException.FieldError("host", p)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return scope.inClient(clientId, () -> {
            Optional<ClientRelay> stored = store.find(clientId);
            boolean samePlace = stored.isPresent() && stored.get().host().equalsIgnoreCase(host) && stored.get().port() == port
                    && stored.get().tls() == tls && Objects.equals(stored.get().username(), username);
            boolean newPassword = in.password() != null && !in.password().isEmpty();
            if (username != null && !newPassword && !(samePlace && stored.get().hasPassword())) {
                // A stored password only ever goes to the host, port and login it was given for.
                throw ValidationException.of("password", "is needed again when the host, port, TLS or login change");
            }
            String password = username == null ? null : newPassword ? in.password() : stored.get().password();
            ClientRelay relay = new ClientRelay(clientId, host, port, tls, username, password, connections, perConnection, rate,
                    Times.now(clock));
            store.save(relay);
            audit.record(actor, clientId, "relay.saved", "relay:" + host + ":" + port, null);
            return relay.withoutPassword();
        });
    }

    public void remove(Actor actor) {
        UUID clientId = requireAdmin(actor);
        scope.inClient(clientId, () -> {
            if (!store.delete(clientId)) {
                throw new NotFoundException("No relay is set; mail uses the platform's transport");
            }
            audit.record(actor, clientId, "relay.removed", "relay", null);
        });
    }

    /** Relay settings carry a password: client admins only. */
    private static UUID requireAdmin(Actor actor) {
        UUID clientId = actor.requireClient();
        if (actor.role() != Role.CLIENT_ADMIN) {
            throw new ForbiddenException("Only a client admin can change the SMTP relay");
        }
        return clientId;
    }

    /** The relay with its password, for the delivery module's own transport choice. */
    public Optional<ClientRelay> forDelivery(UUID clientId) {
        return scope.inClient(clientId, () -> store.find(clientId));
    }
}
