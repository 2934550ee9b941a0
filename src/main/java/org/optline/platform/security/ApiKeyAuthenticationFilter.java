package org.optline.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.optline.platform.ApiKeys;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the API. A missing or bad key leaves the
 * request anonymous, and the API chain's entry point answers 401 problem JSON.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String BAD_KEY = ApiKeyAuthenticationFilter.class.getName() + ".badKey";
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String secret = header.substring(BEARER.length()).trim();
            apiKeys.authenticate(secret).ifPresentOrElse(
                    actor -> {
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(new ApiKeyAuthentication(actor));
                        SecurityContextHolder.setContext(context);
                    },
                    () -> request.setAttribute(BAD_KEY, Boolean.TRUE));
        }
        chain.doFilter(request, response);
    }
}
