package org.optline.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets Optline keeps in its database (DKIM private keys, clients' relay passwords,
 * the token-signing key) with AES-256-GCM under a key that lives outside the database, so that a
 * dump or a backup of the database alone reveals none of them.
 *
 * <p>A sealed value reads {@code sealed:v1:<key id>:<base64(nonce, ciphertext, tag)>}. The key id
 * (the first 8 hex digits of the key's SHA-256) lets a node with the wrong key say so instead of
 * failing somewhere in a send. Each value is bound to its place by the context given to both
 * {@link #seal} and {@link #open} (authenticated, not encrypted): a ciphertext copied into another
 * row or column does not open there.
 */
public final class SecretBox {

    private static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    /** A box for a 32-byte key (AES-256). */
    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secrets key must be 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = HexFormat.of().formatHex(sha256(key), 0, 4);
    }

    /** The id sealed values carry of the key that sealed them; shows which key a node has, not the key. */
    public String keyId() {
        return keyId;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** {@code secret} sealed for the place {@code context} names (say, a table, a column and a row). */
    public String seal(String context, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] all = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * {@link #open}, for a column that may still hold values stored before sealing: null, or a
     * value in the clear, reads as it is stored until the start-up upgrade has sealed it.
     */
    public String openIfSealed(String context, String stored) {
        return isSealed(stored) ? open(context, stored) : stored;
    }

    /**
     * The secret sealed in {@code stored} for {@code context}. Throws {@link UnreadableSecret} when
     * it was sealed with another key, for another place, or was altered.
     */
    public String open(String context, String stored) {
        if (!isSealed(stored)) {
            throw new UnreadableSecret("The stored value is not sealed");
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new UnreadableSecret("The stored value is not a sealed secret");
        }
        String sealedWith = rest.substring(0, colon);
        if (!sealedWith.equals(keyId)) {
            throw new UnreadableSecret("A secret in the database was sealed with the secrets key " + sealedWith
                    + ", and this node has the key " + keyId + ": give every node the same OPTLINE_SECRETS_KEY "
                    + "(or the same secrets.key file)");
        }
        try {
            byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new UnreadableSecret("The sealed secret is cut short");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE_BYTES), context);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new UnreadableSecret("A sealed secret does not open: it was altered, or sealed for another place");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sealed value this box cannot open; the message says why, never what. */
    public static final class UnreadableSecret extends RuntimeException {
        public UnreadableSecret(String message) {
            super(message);
        }
    }
}
