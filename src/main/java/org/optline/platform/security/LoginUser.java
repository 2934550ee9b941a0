package org.optline.platform.security;

import java.io.Serial;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Role;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A UI login as Spring Security sees it; kept in the HTTP session, so it holds no secret after login. */
final class LoginUser implements UserDetails, CredentialsContainer, ActorPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final UUID clientId;
    private final String email;
    private final Role role;
    private final boolean enabled;
    private final OffsetDateTime lockedUntil;
    private final OffsetDateTime checkedAt;
    private final String passwordStamp;
    private String passwordHash;

    LoginUser(UUID id, UUID clientId, String email, Role role, boolean enabled, OffsetDateTime lockedUntil,
              OffsetDateTime checkedAt, String passwordHash) {
        this.id = id;
        this.clientId = clientId;
        this.email = email;
        this.role = role;
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
        this.checkedAt = checkedAt;
        this.passwordHash = passwordHash;
        this.passwordStamp = PasswordStamp.of(passwordHash);
    }

    /** The stamp of the password this login was made with (kept after the hash itself is erased). */
    String passwordStamp() {
        return passwordStamp;
    }

    @Override
    public Actor actor() {
        return new Actor(Actor.Kind.USER, id, email, clientId, role, null);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || !lockedUntil.isAfter(checkedAt);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
