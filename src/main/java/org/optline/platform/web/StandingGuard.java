package org.optline.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Clients;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses every change a client's login or key asks for while the client may not write
 * (suspended), on the API and the UI alike, before the controller runs: the client's standing is
 * asked once here rather than by each of the many writers. Reads, and the routes marked
 * {@link AllowedWhileSuspended}, pass; so does everything without a client (public pages,
 * operators). Sending is asked separately ({@code Clients.requireMaySend}), since a paused client
 * writes but does not send.
 */
final class StandingGuard implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Clients clients;

    StandingGuard(Clients clients) {
        this.clients = clients;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)
                || method.hasMethodAnnotation(AllowedWhileSuspended.class) || !actsForAClient(method)) {
            return true;
        }
        Actor actor = ActorArgumentResolver.currentOrNull(request);
        if (actor != null && actor.clientId() != null) {
            clients.requireMayWrite(actor.clientId());
        }
        return true;
    }

    /**
     * Whether the handler acts for the logged-in user or key at all: every client-facing handler
     * takes an {@link Actor}. Public pages (unsubscribe, preferences, confirmation, sign-up
     * forms) take none; they act for the subscriber or visitor whoever else is logged in in the
     * same browser, and a subscriber's right to leave never depends on a client's standing.
     */
    private static boolean actsForAClient(HandlerMethod method) {
        for (var parameter : method.getMethodParameters()) {
            if (Actor.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }
}
