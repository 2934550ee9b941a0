package org.optline.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.optline.platform.TenantScope;
import org.optline.platform.users.UserStore;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a UI session whose user was disabled, or whose client was terminated, since login. The
 * principal in the session was checked only at login; this re-checks it at most every
 * {@link #INTERVAL}, so a disabled login stops working within that time, not at the session's end.
 */
final class LiveLoginCheckFilter extends OncePerRequestFilter {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final String CHECKED_AT = LiveLoginCheckFilter.class.getName() + ".checkedAt";

    private final UserStore users;
    private final TenantScope scope;
    private final Clock clock;

    LiveLoginCheckFilter(UserStore users, TenantScope scope, Clock clock) {
        this.users = users;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof LoginUser user) {
            Object checked = session.getAttribute(CHECKED_AT);
            long now = clock.millis();
            if (!(checked instanceof Long at) || now - at > INTERVAL.toMillis()) {
                if (!stillAllowed(user)) {
                    session.invalidate();
                    SecurityContextHolder.clearContext();
                    response.sendRedirect(request.getContextPath() + "/login?expired");
                    return;
                }
                session.setAttribute(CHECKED_AT, now);
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillAllowed(LoginUser user) {
        return scope.asPlatform(() -> users.loginByEmail(user.getUsername())
                .map(row -> row.id().equals(user.actor().id()) && row.enabled() && !"terminated".equals(row.clientStatus()))
                .orElse(false));
    }
}
