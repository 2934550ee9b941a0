package org.optline.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies the compact tokens in public links (confirmation, preferences, and later
 * unsubscribe, tracking). A token is {@code base64url(payload).base64url(HMAC-SHA256 truncated to
 * 128 bits)}; payloads hold ids and a purpose, never readable personal data. The key is
 * {@code OPTLINE_SECRET} when set, otherwise generated once and kept in the database (sealed, see
 * {@link SecretBox}), so every node and every restart verifies the same tokens.
 */
@Component
public class Signer {

    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    /**
     * A keyed HMAC per thread: every message a campaign sends carries two tokens, and looking the
     * algorithm up among the providers and keying it afresh for each was a tenth of building one.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Clock clock;

    public Signer(JdbcClient jdbc, TenantScope scope, Clock clock, SecretBox box, SiteProperties site) {
        this.clock = clock;
        if (site.secretConfigured()) {
            scope.asPlatform(() -> sealIfPlain(jdbc, box));
            this.key = sha256(site.secret());
        } else {
            this.key = HexFormat.of().parseHex(scope.asPlatform(() -> storedOrNew(jdbc, box)));
        }
    }

    /** Signs {@code payload}; the token carries it in the clear (it must hold no personal data). */
    public String sign(byte[] payload) {
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /**
     * A shorter token for places with a length limit (a VERP local part is at most 64 characters):
     * the MAC is cut to {@code macBytes} (at least 8, 64 bits, still far beyond guessing online).
     */
    public String signShort(byte[] payload, int macBytes) {
        if (macBytes < 8 || macBytes > MAC_BYTES) {
            throw new IllegalArgumentException("macBytes must be 8 to " + MAC_BYTES);
        }
        return B64.encodeToString(payload) + "." + B64.encodeToString(Arrays.copyOf(mac(payload), macBytes));
    }

    /** Verifies a {@link #signShort} token. */
    public Optional<byte[]> verifyShort(String token, int macBytes) {
        return verified(token, 256, macBytes);
    }

    /** The payload of a token this installation signed, or empty for anything else. */
    public Optional<byte[]> verify(String token) {
        return verified(token, 512, MAC_BYTES);
    }

    /** {@code payload.mac}, no longer than {@code maxLength}, whose MAC is the first {@code macBytes} of ours. */
    private Optional<byte[]> verified(String token, int maxLength, int macBytes) {
        if (token == null || token.length() > maxLength) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(token.substring(0, dot));
            byte[] given = B64D.decode(token.substring(dot + 1));
            return given.length == macBytes && MessageDigest.isEqual(given, Arrays.copyOf(mac(payload), macBytes))
                    ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Days since the epoch, for tokens that carry their issue date. */
    public int today() {
        return (int) (clock.millis() / 86_400_000L);
    }

    /** A payload builder: a purpose byte followed by ids and numbers. */
    public static ByteBuffer payload(byte purpose, int capacity) {
        return ByteBuffer.allocate(capacity + 1).put(purpose);
    }

    public static byte[] bytes(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private byte[] mac(byte[] payload) {
        return Arrays.copyOf(macs.get().doFinal(payload), MAC_BYTES); // doFinal leaves it ready for the next
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String TOKEN_KEY_CONTEXT = "platform_secrets:token-key";
    private static final NamedSql SQL = NamedSql.forClass(Signer.class);

    private static String storedOrNew(JdbcClient jdbc, SecretBox box) {
        Optional<String> stored = storedTokenKey(jdbc);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // Several nodes starting together: the first insert wins and everybody reads the winner's key.
            jdbc.sql(SQL.get("insert-token-key"))
                    .param("secret", box.seal(TOKEN_KEY_CONTEXT, HexFormat.of().formatHex(fresh)))
                    .param("at", OffsetDateTime.now()).update();
            stored = storedTokenKey(jdbc);
        }
        String value = stored.orElseThrow();
        if (SecretBox.isSealed(value)) {
            return box.open(TOKEN_KEY_CONTEXT, value);
        }
        sealIfPlain(jdbc, box);
        return value;
    }

    /**
     * Seals a generated key kept in the clear before secrets were sealed (only if nobody else did
     * meanwhile), also when {@code OPTLINE_SECRET} has replaced it: the old key signed links that
     * may still be about.
     */
    private static void sealIfPlain(JdbcClient jdbc, SecretBox box) {
        storedTokenKey(jdbc).filter(v -> !SecretBox.isSealed(v)).ifPresent(value -> jdbc
                .sql(SQL.get("seal-token-key"))
                .param("sealed", box.seal(TOKEN_KEY_CONTEXT, value)).param("plain", value).update());
    }

    private static Optional<String> storedTokenKey(JdbcClient jdbc) {
        return jdbc.sql(SQL.get("token-key")).query(String.class).optional();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
