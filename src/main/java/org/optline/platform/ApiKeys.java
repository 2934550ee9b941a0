package org.optline.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.apikeys.ApiKeyStore;
import org.optline.platform.apikeys.Secrets;
import org.springframework.stereotype.Service;

/**
 * API keys: random secrets shown once and stored as a hash, each acting for one client (or the
 * platform) with one role, revocable, with the time of last use.
 */
@Service
public class ApiKeys {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a key for the actor's own client (operators: an operator key). */
    public CreatedApiKey create(Actor actor, String name, Role role) {
        actor.requireAdmin();
        Role keyRole = role == null ? (actor.isOperator() ? Role.OPERATOR : Role.CLIENT_ADMIN) : role;
        if (!actor.grantableRoles().contains(keyRole)) {
            throw ValidationException.of("role", actor.isOperator()
                    ? "must be operator for keys created by an operator"
                    : "must be client_admin, marketer or analyst");
        }
        return scope.as(actor, () -> insert(actor, actor.clientId(), TextFields.required("name", name, 100), keyRole, Secrets.newApiKey()));
    }

    /** The first admin key of a new client, made while the operator creates it. */
    CreatedApiKey createFirstAdminKey(Actor operator, UUID clientId) {
        return insert(operator, clientId, "First admin key", Role.CLIENT_ADMIN, Secrets.newApiKey());
    }

    /** Registers an operator key given from outside (OPTLINE_OPERATOR_API_KEY), once. */
    public Optional<CreatedApiKey> ensureOperatorKey(Actor system, String secret) {
        if (secret == null || secret.length() < 24 || secret.length() > 200 || !secret.strip().equals(secret)) {
            throw new IllegalArgumentException("OPTLINE_OPERATOR_API_KEY must be 24 to 200 characters without spaces");
        }
        return scope.asPlatform(() -> store.existsByHash(Secrets.sha256(secret))
                ? Optional.<CreatedApiKey>empty()
                : Optional.of(insert(system, null, "Operator key from environment", Role.OPERATOR, secret)));
    }

    /** Creates a generated operator key (first start). */
    public CreatedApiKey createOperatorKey(Actor system, String name) {
        return scope.asPlatform(() -> insert(system, null, name, Role.OPERATOR, Secrets.newApiKey()));
    }

    private CreatedApiKey insert(Actor actor, UUID clientId, String name, Role role, String secret) {
        var key = new ApiKey(UUID.randomUUID(), clientId, name, Secrets.visiblePrefix(secret), role,
                actor.label(), Times.now(clock), null, null);
        store.insert(key, Secrets.sha256(secret));
        audit.record(actor, clientId, "api_key.created", "api_key:" + key.id(), "prefix=" + key.prefix() + " role=" + role.wireName());
        return new CreatedApiKey(key, secret);
    }

    public List<ApiKey> list(Actor actor) {
        return scope.as(actor, () -> store.list(actor.clientId()));
    }

    public ApiKey get(Actor actor, UUID id) {
        return scope.as(actor, () -> store.find(actor.clientId(), id))
                .orElseThrow(() -> new NotFoundException("No API key " + id));
    }

    /** Revokes a key of the actor's client; revoking twice is harmless. */
    public ApiKey revoke(Actor actor, UUID id) {
        actor.requireAdmin();
        return scope.as(actor, () -> {
            store.find(actor.clientId(), id).orElseThrow(() -> new NotFoundException("No API key " + id));
            if (store.revoke(actor.clientId(), id, Times.now(clock))) {
                audit.record(actor, actor.clientId(), "api_key.revoked", "api_key:" + id, null);
            }
            return store.find(actor.clientId(), id).orElseThrow();
        });
    }

    /**
     * The actor a presented secret stands for, if it is a live key of a client that may still use
     * the API (terminated clients' keys stop working).
     */
    public Optional<Actor> authenticate(String secret) {
        if (secret == null || secret.length() < 24 || secret.length() > 200) {
            return Optional.empty();
        }
        return scope.asPlatform(() -> store.bySecretHash(Secrets.sha256(secret))
                .filter(k -> k.revokedAt() == null)
                .filter(k -> !"terminated".equals(k.clientStatus()))
                .map(k -> {
                    var now = Times.now(clock);
                    store.touch(k.id(), now, now.minus(TOUCH_INTERVAL));
                    return new Actor(Actor.Kind.API_KEY, k.id(), "api key " + k.prefix() + "…", k.clientId(), k.role(), null);
                }));
    }

}
