package org.optline.platform;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.optline.platform.users.PasswordPolicy;
import org.optline.platform.users.UserStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** People who log in: created, listed and disabled within the acting client (or among operators). */
@Service
public class Users {

    private static final String EMAIL_TAKEN = "This email address cannot be used for a new login; choose another";

    private final UserStore store;
    private final TenantScope scope;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    public Users(UserStore store, TenantScope scope, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a user in the actor's own client; operators create operators. */
    public User create(Actor actor, NewUser request) {
        actor.requireAdmin();
        Role role = request.role() == null ? Role.MARKETER : request.role();
        if (!actor.grantableRoles().contains(role)) {
            throw ValidationException.of("role", actor.isOperator()
                    ? "must be operator for users created by an operator"
                    : "must be client_admin, marketer or analyst");
        }
        return scope.as(actor, () -> insert(actor, actor.clientId(), request.email(), request.password(), role));
    }

    /** Creates a client's first admin; used while the operator creates the client. */
    User createFirstAdmin(Actor operator, UUID clientId, String email, String password) {
        return insert(operator, clientId, email, password, Role.CLIENT_ADMIN);
    }

    private User insert(Actor actor, UUID clientId, String rawEmail, String password, Role role) {
        String email = Emails.normalizeLogin("email", rawEmail);
        PasswordPolicy.problem(password, email).ifPresent(p -> {
            throw ValidationException.of("password", p);
        });
        // Logins are unique across the platform. On PostgreSQL the check below sees only this
        // client's users (row-level security), so the unique index has the last word; both give
        // the same answer, which does not say whose login it is.
        if (store.emailTaken(email)) {
            throw new ConflictException(EMAIL_TAKEN);
        }
        UUID id = UUID.randomUUID();
        var now = Times.now(clock);
        try {
            store.insert(id, clientId, email, passwords.encode(password), role, now);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(EMAIL_TAKEN);
        }
        audit.record(actor, clientId, "user.created", "user:" + id, "role=" + role.wireName());
        return store.find(clientId, id).orElseThrow();
    }

    public List<User> list(Actor actor) {
        return scope.as(actor, () -> store.list(actor.clientId()));
    }

    /**
     * The enabled admins of a client, for the platform's own notices to it (the termination
     * export's link): system work, not an operator view, answering one client's users.
     */
    public List<User> enabledAdminsOf(UUID clientId) {
        return scope.inClient(clientId, () -> store.list(clientId)).stream()
                .filter(u -> u.enabled() && u.role() == Role.CLIENT_ADMIN).toList();
    }

    /**
     * The address of every enabled login (lower-cased, once each) whose client is not terminated,
     * operators included: whom the platform's own legal notices reach. System work, platform scope.
     */
    public List<String> activeLogins() {
        return scope.asPlatform(store::activeLogins);
    }

    public User get(Actor actor, UUID id) {
        return scope.as(actor, () -> store.find(actor.clientId(), id))
                .orElseThrow(() -> new NotFoundException("No user " + id));
    }

    /**
     * Disables (or re-enables) a login; users are never deleted so the audit log keeps its meaning.
     * A client's last enabled admin stays enabled (an admin API key could otherwise lock the client out).
     */
    public User setEnabled(Actor actor, UUID id, boolean enabled) {
        actor.requireAdmin();
        return scope.as(actor, () -> {
            User user = store.find(actor.clientId(), id).orElseThrow(() -> new NotFoundException("No user " + id));
            if (user.id().equals(actor.id()) && !enabled) {
                throw new ConflictException("You cannot disable your own login");
            }
            if (!enabled) {
                requireAnotherAdmin(user, "disabled");
            }
            store.setEnabled(actor.clientId(), id, enabled);
            audit.record(actor, actor.clientId(), enabled ? "user.enabled" : "user.disabled", "user:" + id, null);
            return store.find(actor.clientId(), id).orElseThrow();
        });
    }

    /**
     * Gives a user of the actor's client (or, for operators, an operator) another role: only one
     * the actor may grant ({@link Actor#grantableRoles()}), and never so that the client is left
     * without an enabled admin. The user's sessions end at their next request (the live login
     * check compares the role), so a demoted admin loses the rights at once.
     */
    public User changeRole(Actor actor, UUID id, Role role) {
        actor.requireAdmin();
        return scope.as(actor, () -> {
            // The user is looked up first: another client's id answers 404 whatever the request says.
            User user = store.find(actor.clientId(), id).orElseThrow(() -> new NotFoundException("No user " + id));
            if (role == null) {
                throw ValidationException.of("role", "is required");
            }
            if (!actor.grantableRoles().contains(role)) {
                throw new ForbiddenException("You cannot give the " + role.wireName().replace('_', ' ') + " role");
            }
            if (user.role() == role) {
                return user;
            }
            if (user.role() == Role.CLIENT_ADMIN) {
                requireAnotherAdmin(user, "made " + role.wireName().replace('_', ' '));
            }
            store.setRole(actor.clientId(), id, role);
            audit.record(actor, actor.clientId(), "user.role_changed", "user:" + id,
                    user.email() + ": " + user.role().wireName() + " -> " + role.wireName());
            return store.find(actor.clientId(), id).orElseThrow();
        });
    }

    /**
     * Refuses to take the admin rights of a client's last enabled admin ({@code change}: what was
     * asked, "disabled" or "made marketer"). The client's enabled admins are locked first, so two
     * such changes at once take turns and the second sees what the first did.
     */
    private void requireAnotherAdmin(User user, String change) {
        if (user.clientId() == null || user.role() != Role.CLIENT_ADMIN || !user.enabled()) {
            return;
        }
        List<UUID> admins = store.lockEnabledAdmins(user.clientId());
        if (admins.stream().noneMatch(a -> !a.equals(user.id()))) {
            throw new ConflictException("The only enabled admin of this account, " + user.email() + ", cannot be " + change
                    + "; make another user an admin first");
        }
    }

    /**
     * Whether {@code email} is the login of an enabled user of this client (other modules ask,
     * for instance who may receive test messages). Compared lower-cased, as logins are stored.
     */
    public boolean isEnabledLoginOf(UUID clientId, String email) {
        String login = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return scope.inClient(clientId, () -> store.isEnabledLoginOf(clientId, login));
    }

    /**
     * Changes the actor's own password after checking the current one; answers the new stored
     * hash, which the caller's session is stamped with so that it stays while the user's others end.
     */
    public String changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        if (actor.kind() != Actor.Kind.USER) {
            throw new ForbiddenException("Only a logged-in user can change their password");
        }
        return scope.as(actor, () -> {
            String hash = store.passwordHash(actor.id()).orElseThrow(() -> new NotFoundException("No such user"));
            if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
                throw ValidationException.of("currentPassword", "is not your current password");
            }
            PasswordPolicy.problem(newPassword, actor.label()).ifPresent(p -> {
                throw ValidationException.of("newPassword", p);
            });
            String newHash = passwords.encode(newPassword);
            store.setPassword(actor.id(), newHash);
            audit.record(actor, actor.clientId(), "user.password_changed", "user:" + actor.id(), null);
            return newHash;
        });
    }
}
