package org.optline.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.optline.platform.Actor;
import org.optline.platform.security.ActorPrincipal;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets any controller take an {@link Actor} parameter: the authenticated principal (session login
 * or API key) plus the request's address. The tenant therefore always comes from authentication,
 * never from a request parameter.
 */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) {
        return current(request.getNativeRequest(HttpServletRequest.class));
    }

    static Actor current(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof ActorPrincipal actorPrincipal) {
            return actorPrincipal.actor().from(request == null ? null : request.getRemoteAddr());
        }
        throw new AuthenticationCredentialsNotFoundException("Not logged in");
    }

    static Actor currentOrNull(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ActorPrincipal
                ? current(request) : null;
    }
}
