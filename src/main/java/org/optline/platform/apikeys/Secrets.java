package org.optline.platform.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random secrets (API keys, generated passwords) and the hash API keys are stored under.
 * API keys carry ~238 bits of randomness, so a plain SHA-256 is enough to store them: unlike
 * passwords they cannot be guessed, and a fast hash keeps the per-request lookup one index probe.
 */
public final class Secrets {

    static final String KEY_MARKER = "opl_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // Passwords a person may have to type: no 0/O, 1/l/I.
    private static final String READABLE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String newApiKey() {
        return KEY_MARKER + random(BASE62, 40);
    }

    public static String newPassword() {
        return random(READABLE, 20);
    }

    /** The part of a key that is kept and shown so people can tell their keys apart. */
    public static String visiblePrefix(String secret) {
        return secret.startsWith(KEY_MARKER) ? secret.substring(0, 12) : secret.substring(0, 6);
    }

    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
