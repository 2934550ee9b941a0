package org.optline.platform.security;

import java.time.Clock;
import java.util.Locale;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.users.UserStore;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads a login by email. A user of a terminated client is disabled; a locked user stays locked
 * until the lock time passes (see {@link LoginAttempts}).
 */
@Component
class LoginUsers implements UserDetailsService {

    private final UserStore users;
    private final TenantScope scope;
    private final Clock clock;

    LoginUsers(UserStore users, TenantScope scope, Clock clock) {
        this.users = users;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String email = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return scope.asPlatform(() -> users.loginByEmail(email))
                .map(row -> new LoginUser(row.id(), row.clientId(), row.email(), row.role(),
                        row.enabled() && !"terminated".equals(row.clientStatus()),
                        row.lockedUntil(), Times.now(clock), row.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No login " + email));
    }
}
