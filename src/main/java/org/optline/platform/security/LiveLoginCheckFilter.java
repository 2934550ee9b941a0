package org.optline.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.optline.platform.TenantScope;
import org.optline.platform.users.UserStore;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a UI session whose user was disabled, whose client was terminated, whose role was changed,
 * or whose password was changed (by another session) since login. The principal in the session was checked only at
 * login; this re-checks it on every request, one row by its unique key, so the session ends at
 * its next request, on whichever node it arrives.
 */
final class LiveLoginCheckFilter extends OncePerRequestFilter {

    private final UserStore users;
    private final TenantScope scope;

    LiveLoginCheckFilter(UserStore users, TenantScope scope) {
        this.users = users;
        this.scope = scope;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof LoginUser user
                && !stillAllowed(user, session)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean stillAllowed(LoginUser user, HttpSession session) {
        // The session that changed the password carries the new stamp; every other one the login's.
        Object kept = session.getAttribute(PasswordStamp.ATTRIBUTE);
        String stamp = kept instanceof String s ? s : user.passwordStamp();
        return scope.asPlatform(() -> users.loginByEmail(user.getUsername())
                .map(row -> row.id().equals(user.actor().id()) && row.enabled() && !"terminated".equals(row.clientStatus())
                        && row.role() == user.actor().role()
                        && PasswordStamp.of(row.passwordHash()).equals(stamp))
                .orElse(false));
    }
}
