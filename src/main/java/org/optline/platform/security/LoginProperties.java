package org.optline.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and session rules: lock an account for {@code lockout} after {@code maxFailures} wrong
 * passwords in a row; end every session {@code absoluteTimeout} after login however active it is
 * (the idle timeout is {@code server.servlet.session.timeout}).
 */
@ConfigurationProperties("optline.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("12h") Duration absoluteTimeout) {}
