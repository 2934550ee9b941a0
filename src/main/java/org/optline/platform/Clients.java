package org.optline.platform;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.platform.apikeys.Secrets;
import org.optline.platform.clients.ClientStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Clients (tenants): created by operators with a first admin and key, listed, and moved between standings. */
@Service
public class Clients {

    private final ClientStore store;
    private final Users users;
    private final ApiKeys apiKeys;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public Clients(ClientStore store, Users users, ApiKeys apiKeys, TenantScope scope, AuditLog audit, Clock clock,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.users = users;
        this.apiKeys = apiKeys;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a client, its first admin login and admin API key, all or nothing. */
    public CreatedClient create(Actor operator, NewClient request) {
        operator.requireOperator();
        String name = TextFields.required("name", request.name(), 200);
        String postalAddress = postalAddress(request.postalAddress());
        String zone = TimeZones.parse("timeZone", request.timeZone());
        boolean generated = request.adminPassword() == null || request.adminPassword().isBlank();
        String password = generated ? Secrets.newPassword() : request.adminPassword();
        return scope.asPlatform(() -> {
            var now = Times.now(clock);
            var client = new Client(UUID.randomUUID(), name, postalAddress, ClientStatus.ACTIVE, zone, now, now);
            store.insert(client);
            audit.record(operator, client.id(), "client.created", "client:" + client.id(), name);
            User admin = users.createFirstAdmin(operator, client.id(), request.adminEmail(), password);
            CreatedApiKey key = apiKeys.createFirstAdminKey(operator, client.id());
            return new CreatedClient(client, admin, generated ? password : null, key);
        });
    }

    /**
     * A client the platform itself runs (for its own notices), with a fixed id so that every node
     * names the same one: created on first use, with no login and no key, and its postal address
     * brought up to date with {@code postalAddress}. Several nodes may call this at once; the
     * primary key lets one insert win and the others read it.
     */
    public Client ensurePlatformClient(UUID id, String name, String postalAddress) {
        String checkedName = TextFields.required("name", name, 200);
        String address = postalAddress(postalAddress);
        Actor system = Actor.system("platform");
        return scope.asPlatform(() -> {
            Optional<Client> found = store.find(id);
            if (found.isEmpty()) {
                var now = Times.now(clock);
                if (store.insertIfAbsent(new Client(id, checkedName, address, ClientStatus.ACTIVE, "UTC", now, now))) {
                    audit.record(system, id, "client.created", "client:" + id, checkedName);
                }
                return store.find(id).orElseThrow();
            }
            Client client = found.get();
            if (!client.postalAddress().equals(address)) {
                store.changeDetails(id, address, client.timeZone(), Times.now(clock));
                audit.record(system, id, "client.details_changed", "client:" + id, "postal address");
                return store.find(id).orElseThrow();
            }
            return client;
        });
    }

    public Client get(Actor operator, UUID id) {
        operator.requireOperator();
        return scope.asPlatform(() -> store.find(id)).orElseThrow(() -> new NotFoundException("No client " + id));
    }

    /** The client the actor belongs to (for the client area's header). */
    public Client own(Actor actor) {
        if (actor.clientId() == null) {
            throw new NotFoundException("Operators belong to no client");
        }
        return scope.inClient(actor.clientId(), () -> store.find(actor.clientId()))
                .orElseThrow(() -> new NotFoundException("No client " + actor.clientId()));
    }

    /**
     * A client as other modules need it for mail they send on its behalf (name, postal address,
     * standing). Not an operator view: it runs with the system's rights and returns one client.
     */
    public Optional<Client> profile(UUID clientId) {
        return scope.inClient(clientId, () -> store.find(clientId));
    }

    /**
     * The client's standing as it is in the database right now. Read on every call, not cached:
     * it is one row by its key, and another node may have just changed it. A client that does not
     * exist counts as terminated.
     */
    public ClientStatus standing(UUID clientId) {
        return scope.inClient(clientId, () -> store.find(clientId)).map(Client::status).orElse(ClientStatus.TERMINATED);
    }

    /** Throws unless the client may change its data now (active or paused). */
    public void requireMayWrite(UUID clientId) {
        ClientStatus standing = standing(clientId);
        if (!standing.mayWrite()) {
            throw new ClientStandingException(standing, standing == ClientStatus.SUSPENDED
                    ? "The client is suspended: its data can be read and exported, but not changed. Ask the operator."
                    : "The client is " + standing.wireName() + ".");
        }
    }

    /** Throws unless the client may send now (active only). */
    public void requireMaySend(UUID clientId) {
        ClientStatus standing = standing(clientId);
        if (!standing.maySend()) {
            throw new ClientStandingException(standing, switch (standing) {
                case PAUSED -> "Sending is paused for this client by the operator: nothing can be sent until it is active again.";
                case SUSPENDED -> "The client is suspended: nothing can be sent. Ask the operator.";
                default -> "The client is " + standing.wireName() + ".";
            });
        }
    }

    /**
     * The ids of every terminated client, for the system's own work (termination catching up on a
     * termination whose follow-up was never recorded). Terminated clients stay few: they are kept
     * as one row each after their data is purged.
     */
    public List<UUID> terminated() {
        return scope.asPlatform(() -> store.idsWithStatus(ClientStatus.TERMINATED));
    }

    public Page<Client> page(Actor operator, String cursor, Integer limit) {
        operator.requireOperator();
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<Client> rows = scope.asPlatform(() -> store.page(after, size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<Client> items = new ArrayList<>(rows.subList(0, size));
        Client last = items.get(items.size() - 1);
        return new Page<>(items, new Cursor(last.createdAt(), last.id()).encode());
    }

    /** Moves a client to another standing, if its current standing allows it. */
    public Client changeStatus(Actor operator, UUID id, ClientStatus next, String reason) {
        operator.requireOperator();
        Move move = scope.asPlatform(() -> {
            Client client = store.find(id).orElseThrow(() -> new NotFoundException("No client " + id));
            if (client.status() == next) {
                return new Move(client.status(), client);
            }
            if (!client.status().canMoveTo(next)) {
                throw new ConflictException("A " + client.status().wireName() + " client cannot become " + next.wireName());
            }
            if (!store.moveStatus(id, client.status(), next, Times.now(clock))) {
                throw new ConflictException("The client's status changed meanwhile; reload and try again");
            }
            audit.record(operator, id, "client." + next.wireName(), "client:" + id, reason);
            return new Move(client.status(), store.find(id).orElseThrow());
        });
        if (move.from() != next) {
            // After the commit, outside the platform scope: listeners (campaigns pausing) open their own.
            events.publishEvent(new ClientStandingChanged(id, move.from(), next, reason));
        }
        return move.client();
    }

    /**
     * Terminates a client: no login, no key, nothing sent, for good. A reason is required; it is
     * audited and handed to the listeners of {@link ClientStandingChanged} (the compliance module
     * exports the client's data to its admin, then purges it).
     */
    public Client terminate(Actor operator, UUID id, String reason) {
        operator.requireOperator();
        return changeStatus(operator, id, ClientStatus.TERMINATED, TextFields.required("reason", reason, 2000));
    }

    /**
     * Changes the postal address and time zone of a client. Both are checked before anything is
     * written, so a refused change leaves the stored client as it was.
     */
    public Client changeDetails(Actor operator, UUID id, ClientDetails details) {
        operator.requireOperator();
        String postalAddress = postalAddress(details.postalAddress());
        String zone = TimeZones.parse("timeZone", details.timeZone());
        return scope.asPlatform(() -> {
            Client before = store.find(id).orElseThrow(() -> new NotFoundException("No client " + id));
            if (before.postalAddress().equals(postalAddress) && before.timeZone().equals(zone)) {
                return before;
            }
            store.changeDetails(id, postalAddress, zone, Times.now(clock));
            List<String> changed = new ArrayList<>();
            if (!before.postalAddress().equals(postalAddress)) {
                changed.add("postal address");
            }
            if (!before.timeZone().equals(zone)) {
                changed.add("time zone " + before.timeZone() + " -> " + zone);
            }
            audit.record(operator, id, "client.details_changed", "client:" + id, String.join("; ", changed));
            return store.find(id).orElseThrow();
        });
    }

    /**
     * Changes the time zone of the actor's own client (its admins choose it; the postal address
     * stays the operator's). A refused zone leaves the stored one as it was.
     */
    public Client changeOwnTimeZone(Actor actor, String timeZone) {
        UUID clientId = actor.requireClient();
        actor.requireAdmin();
        String zone = TimeZones.parse("timeZone", timeZone);
        return scope.inClient(clientId, () -> {
            Client before = store.find(clientId).orElseThrow(() -> new NotFoundException("No client " + clientId));
            if (before.timeZone().equals(zone)) {
                return before;
            }
            store.changeTimeZone(clientId, zone, Times.now(clock));
            audit.record(actor, clientId, "client.time_zone_changed", "client:" + clientId, before.timeZone() + " -> " + zone);
            return store.find(clientId).orElseThrow();
        });
    }

    /**
     * A postal address as it is kept: its lines in order (mail footers print them one per line),
     * each without trailing blanks, Windows or old Mac line ends made plain, blank lines at either end dropped.
     */
    static String postalAddress(String raw) {
        String lines = raw == null ? "" : raw.replace("\r\n", "\n").replace('\r', '\n').lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n"));
        return TextFields.required("postalAddress", lines, 1000);
    }

    /** A standing change: the standing before, and the client after. */
    private record Move(ClientStatus from, Client client) {}
}
