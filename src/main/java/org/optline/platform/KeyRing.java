package org.optline.platform;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A named ring of HMAC-SHA256 keys for tokens that must outlive a key: new tokens are signed with
 * the newest key, and every older key still verifies the tokens it signed (links in mail sent
 * years ago keep working). Keys are numbered 1, 2, …; a token carries the number of its key. They
 * live sealed in {@code platform_secrets} (as {@link Signer}'s key does) under
 * {@code <name>-key-<number>}, so every node and restart shares them. Made by {@link KeyRings}.
 */
public final class KeyRing {

    /** One key; its MAC per thread, because looking the algorithm up and keying it costs more than a MAC. */
    private record Key(int number, OffsetDateTime createdAt, ThreadLocal<Mac> macs) {}

    /** The keys as last read; replaced whole, never changed, so readers need no lock. */
    private record Keys(Map<Integer, Key> byNumber, Key newest) {}

    private static final NamedSql SQL = NamedSql.forClass(KeyRing.class);

    private final String name;
    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final SecretBox box;
    private final Clock clock;
    private volatile Keys keys;
    private volatile long lastReload;

    KeyRing(String name, JdbcClient jdbc, TenantScope scope, SecretBox box, Clock clock) {
        this.name = name;
        this.jdbc = jdbc;
        this.scope = scope;
        this.box = box;
        this.clock = clock;
        this.keys = load();
        if (keys.newest() == null) {
            add(1);
        }
    }

    /** The number of the key new tokens are signed with. */
    public int newest() {
        return keys.newest().number();
    }

    /**
     * The full 32-byte HMAC of {@code data} under key {@code number}, or null when this ring has no
     * such key (read the keys again first if another node may have made it: {@link #reloadIfStale}).
     */
    public byte[] mac(int number, byte[] data, int offset, int length) {
        Key key = keys.byNumber().get(number);
        if (key == null) {
            return null;
        }
        Mac mac = key.macs().get();
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    /** Whether key {@code number} is known here. */
    public boolean knows(int number) {
        return keys.byNumber().containsKey(number);
    }

    /**
     * Reads the keys again, at most once per {@code interval}: for a token signed by a key another
     * node made after this one read the ring. Bounded so that forged key numbers cannot make every
     * request a database read.
     */
    public void reloadIfStale(Duration interval) {
        long now = System.nanoTime();
        if (now - lastReload >= interval.toNanos()) {
            lastReload = now;
            keys = load();
        }
    }

    /**
     * Adds a new newest key once the newest is older than {@code age}. Nodes doing this together
     * agree: the next number is inserted once, and everybody reads the winner's key.
     */
    public boolean rotateIfOlderThan(Duration age) {
        keys = load();
        if (keys.newest().createdAt().plus(age).isAfter(Times.now(clock))) {
            return false;
        }
        add(keys.newest().number() + 1);
        return true;
    }

    private void add(int number) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String keyName = keyName(number);
        scope.asPlatform(() -> jdbc.sql(SQL.get("insert-key")).param("name", keyName)
                .param("secret", box.seal(context(keyName), HexFormat.of().formatHex(fresh)))
                .param("at", Times.now(clock)).update());
        keys = load();
    }

    private Keys load() {
        List<Object[]> rows = scope.asPlatform(() -> jdbc.sql(SQL.get("keys")).param("pattern", name + "-key-%")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)}).list());
        Map<Integer, Key> byNumber = new HashMap<>();
        Key newest = null;
        for (Object[] row : rows) {
            String keyName = (String) row[0];
            int number;
            try {
                number = Integer.parseInt(keyName.substring(name.length() + "-key-".length()));
            } catch (NumberFormatException notOurs) {
                continue;
            }
            byte[] secret = HexFormat.of().parseHex(box.open(context(keyName), (String) row[1]));
            Key key = new Key(number, (OffsetDateTime) row[2], ThreadLocal.withInitial(() -> mac(secret)));
            byNumber.put(number, key);
            if (newest == null || number > newest.number()) {
                newest = key;
            }
        }
        return new Keys(Map.copyOf(byNumber), newest);
    }

    private String keyName(int number) {
        return name + "-key-" + number;
    }

    private static String context(String keyName) {
        return "platform_secrets:" + keyName;
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
