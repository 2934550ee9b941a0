package org.optline.platform.security;

import java.io.Serial;
import java.util.List;
import org.optline.platform.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API request authenticated by a bearer key. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    /** The principal: the key's actor. */
    record KeyPrincipal(Actor actor) implements ActorPrincipal {
        @Override
        public String toString() {
            return actor.label();
        }
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final KeyPrincipal principal;

    ApiKeyAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority(actor.role().authority())));
        this.principal = new KeyPrincipal(actor);
        setAuthenticated(true);
    }

    @Override
    public String getName() {
        return principal.actor().label();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
