package org.optline.inbound.actions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/** Reads and sets a client's soft-bounce policy; without a saved one, {@link BouncePolicy#DEFAULT}. */
@Service
public class BouncePolicies {

    private final ActionStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public BouncePolicies(ActionStore store, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public BouncePolicy get(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> of(clientId));
    }

    /** The policy in force, in the caller's client transaction. */
    BouncePolicy of(UUID clientId) {
        return store.policy(clientId).orElse(BouncePolicy.DEFAULT);
    }

    /** Sets the policy (1 to 100 soft bounces within 1 to 365 days); audited. */
    public BouncePolicy set(Actor actor, Integer softBounceLimit, Integer softBounceDays) {
        UUID clientId = actor.requireClientWriter();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        check(errors, "softBounceLimit", softBounceLimit, BouncePolicy.MAX_LIMIT);
        check(errors, "softBounceDays", softBounceDays, BouncePolicy.MAX_DAYS);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        BouncePolicy policy = new BouncePolicy(softBounceLimit, softBounceDays);
        return scope.inClient(clientId, () -> {
            store.savePolicy(clientId, policy, Times.now(clock));
            audit.record(actor, clientId, "bounce-policy.changed", "client:" + clientId,
                    softBounceLimit + " soft bounces within " + softBounceDays + " days");
            return policy;
        });
    }

    private static void check(List<ValidationException.FieldError> errors, String field, Integer value, int max) {
        if (value == null) {
            errors.add(new ValidationException.FieldError(field, "is required"));
        } else if (value < 1 || value > max) {
            errors.add(new ValidationException.FieldError(field, "must be between 1 and " + max));
        }
    }
}
