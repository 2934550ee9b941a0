package org.optline.platform.security;

import java.time.Clock;
import java.util.Locale;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.users.UserStore;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and locks the account for a while after too many (ASVS 6.3),
 * and writes every login, failure and lock to the audit log.
 */
@Component
class LoginAttempts {

    private final UserStore users;
    private final TenantScope scope;
    private final AuditLog audit;
    private final LoginProperties properties;
    private final Clock clock;

    LoginAttempts(UserStore users, TenantScope scope, AuditLog audit, LoginProperties properties, Clock clock) {
        this.users = users;
        this.scope = scope;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof LoginUser user)) {
            return; // API keys are not logins
        }
        Actor actor = user.actor().from(sourceIp(event.getAuthentication()));
        scope.asPlatform(() -> {
            users.recordSuccess(actor.id(), Times.now(clock));
            audit.record(actor, actor.clientId(), "login.succeeded", "user:" + actor.id(), null);
        });
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        String email = String.valueOf(attempt.getPrincipal()).trim().toLowerCase(Locale.ROOT);
        String ip = sourceIp(attempt);
        boolean badPassword = event instanceof AuthenticationFailureBadCredentialsEvent;
        scope.asPlatform(() -> users.loginByEmail(email).ifPresentOrElse(row -> {
            // Only known accounts are named in the log: a typo in the email box may be a password.
            Actor actor = new Actor(Actor.Kind.USER, row.id(), row.email(), row.clientId(), row.role(), ip);
            if (badPassword && row.failedLogins() + 1 >= properties.maxFailures()) {
                users.lock(row.id(), Times.now(clock).plus(properties.lockout()));
                audit.record(actor, row.clientId(), "login.locked", "user:" + row.id(),
                        "locked for " + properties.lockout().toMinutes() + " min after " + properties.maxFailures() + " failures");
            } else {
                if (badPassword) {
                    users.recordFailure(row.id());
                }
                audit.record(actor, row.clientId(), "login.failed", "user:" + row.id(),
                        event.getException().getClass().getSimpleName());
            }
        }, () -> audit.record(Actor.system("unknown login").from(ip), null, "login.failed", null, "unknown account")));
    }

    private static String sourceIp(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

}
