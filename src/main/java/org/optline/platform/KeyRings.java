package org.optline.platform;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Hands out the platform's {@link KeyRing}s by name, one instance each, its first key made on first use. */
@Component
public class KeyRings {

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final SecretBox box;
    private final Clock clock;
    private final Map<String, KeyRing> rings = new ConcurrentHashMap<>();

    public KeyRings(JdbcClient jdbc, TenantScope scope, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.box = box;
        this.clock = clock;
    }

    /** The ring called {@code name} (lower-case letters; it names the keys' rows). */
    public KeyRing ring(String name) {
        if (!name.matches("[a-z]{1,30}")) {
            throw new IllegalArgumentException("A key ring's name is lower-case letters: " + name);
        }
        return rings.computeIfAbsent(name, n -> new KeyRing(n, jdbc, scope, box, clock));
    }
}
