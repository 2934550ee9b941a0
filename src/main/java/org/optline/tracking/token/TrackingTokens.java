package org.optline.tracking.token;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.KeyRing;
import org.optline.platform.KeyRings;
import org.optline.tracking.TrackingProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs and reads tracking tokens: one URL-safe base64 string (no padding, no dot) of a small
 * binary payload and a 128-bit HMAC-SHA256 over it, keyed from the platform's {@code tracking}
 * {@link KeyRing}. The payload is
 * <pre>
 *   version(1) key(2) flags(1) link(2) sentAt(4, epoch seconds) campaign(16) [subscriber(16)]
 * </pre>
 * where flags hold the provider group (low two bits) and whether a subscriber follows (0x80 when
 * not, in anonymous mode): 78 characters with a subscriber, 56 without. The key number is signed
 * too, so a token cannot be moved onto another key. A token with any byte changed fails its MAC.
 */
@Component
public class TrackingTokens {

    private static final byte VERSION = 1;
    private static final int HEADER = 10;
    private static final int ID = 16;
    private static final int MAC = 16;
    private static final int ANONYMOUS = 0x80;
    private static final int LONGEST = ((HEADER + 2 * ID + MAC) * 4 + 2) / 3;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** A token naming a key this node has not read yet: read the ring again, at most this often. */
    private static final Duration RELOAD = Duration.ofSeconds(10);

    private final KeyRing keys;
    private final Duration rotation;

    public TrackingTokens(KeyRings rings, TrackingProperties settings) {
        this.keys = rings.ring("tracking");
        this.rotation = settings.keyRotation();
        keys.rotateIfOlderThan(rotation);
    }

    /** Adds a new signing key when the newest has grown older than {@code optline.tracking.key-rotation}. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void rotate() {
        keys.rotateIfOlderThan(rotation);
    }

    public String sign(TrackingToken token) {
        if (token.link() < TrackingToken.OPEN || token.link() > TrackingToken.MAX_LINK) {
            throw new IllegalArgumentException("link out of range: " + token.link());
        }
        boolean anonymous = token.subscriberId() == null;
        ByteBuffer b = ByteBuffer.allocate(HEADER + ID + (anonymous ? 0 : ID) + MAC);
        b.put(VERSION).putShort((short) keys.newest())
                .put((byte) (token.group().ordinal() | (anonymous ? ANONYMOUS : 0)))
                .putShort((short) token.link()).putInt((int) token.sentAt().getEpochSecond());
        put(b, token.campaignId());
        if (!anonymous) {
            put(b, token.subscriberId());
        }
        int length = b.position();
        byte[] bytes = b.array();
        System.arraycopy(keys.mac(keys.newest(), bytes, 0, length), 0, bytes, length, MAC);
        return B64.encodeToString(bytes);
    }

    /** The token's contents when this installation signed it (with any key of the ring), else empty. */
    public Optional<TrackingToken> verify(String text) {
        if (text == null || text.isEmpty() || text.length() > LONGEST) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = B64D.decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < HEADER + ID + MAC || bytes[0] != VERSION) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.get();
        int key = Short.toUnsignedInt(b.getShort());
        int flags = Byte.toUnsignedInt(b.get());
        boolean anonymous = (flags & ANONYMOUS) != 0;
        int body = HEADER + ID + (anonymous ? 0 : ID);
        if ((flags & ~(ANONYMOUS | 3)) != 0 || bytes.length != body + MAC) {
            return Optional.empty();
        }
        if (!keys.knows(key)) {
            keys.reloadIfStale(RELOAD);
        }
        byte[] expected = keys.mac(key, bytes, 0, body);
        if (expected == null || !MessageDigest.isEqual(Arrays.copyOf(expected, MAC), Arrays.copyOfRange(bytes, body, body + MAC))) {
            return Optional.empty();
        }
        int raw = Short.toUnsignedInt(b.getShort());
        int link = raw == 0xFFFF ? TrackingToken.OPEN : raw;
        Instant sentAt = Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()));
        UUID campaign = new UUID(b.getLong(), b.getLong());
        UUID subscriber = anonymous ? null : new UUID(b.getLong(), b.getLong());
        return Optional.of(new TrackingToken(campaign, subscriber, link, ProviderGroup.values()[flags & 3], sentAt));
    }

    private static void put(ByteBuffer b, UUID id) {
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
