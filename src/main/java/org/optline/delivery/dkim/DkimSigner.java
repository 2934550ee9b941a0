package org.optline.delivery.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.jdkim.canon.DigestOutputStream;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;

/**
 * Signs finished messages for one sending domain (RFC 6376): rsa-sha256, {@code c=relaxed/relaxed},
 * over the headers that receivers and mailbox providers look at (STANDARDS: From, To, Subject, Date,
 * Message-ID, MIME-Version, Content-Type and the list and feedback headers, and Reply-To, which
 * routes replies to the inbound listener). From and Subject are listed twice ("over-signed"), so a
 * second From or Subject added on the way breaks the signature instead of being shown to the reader.
 * Signing is the last step before the transport: nothing may change the message afterwards.
 *
 * <p>The body is canonicalised by Apache James jDKIM's relaxed body canonicaliser and hashed with
 * SHA-256; the RSA signature is the JCA's (Amazon Corretto Crypto Provider when it loads). The
 * header half is done here, and why: jDKIM's signer parses and validates its signature template
 * with regular expressions for every message and compiles two more regular expressions per signed
 * header field, which made its Java code cost as much CPU per message as the RSA operation itself
 * (docs/benchmarks-log.md). Relaxed header canonicalisation (RFC 6376 3.4.2) is a few lines; the
 * signatures are checked by two verifiers that share no code with this class (DkimSignerTest).
 */
public final class DkimSigner {

    /** Header names in h=, lower case; the repeated names are the over-signed ones. */
    public static final List<String> SIGNED_HEADERS = List.of("from", "from", "to", "reply-to", "subject", "subject", "date",
            "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post", "feedback-id");

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    /** Base64 characters per folded line of b=. */
    private static final int B_LINE = 72;

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    /** The DKIM-Signature field up to its bh= value: the same for every message of this domain. */
    private final String fieldStart;
    private final ThreadLocal<Tools> tools;

    public DkimSigner(String domain, String selector, PrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        this.fieldStart = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";\r\n"
                + "\th=" + String.join(":", SIGNED_HEADERS) + ";\r\n\tbh=";
        this.tools = ThreadLocal.withInitial(this::tools);
        tools.get(); // a key the provider refuses fails here, when the signer is made, not on the first message
    }

    /** A digest and an initialised signature per thread: both are reusable after each use, neither thread-safe. */
    private record Tools(MessageDigest digest, Signature signature) {}

    private Tools tools() {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            return new Tools(MessageDigest.getInstance("SHA-256"), signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM key for " + domain + " cannot sign: " + e.getMessage(), e);
        }
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /** The message with its DKIM-Signature header prepended. */
    public byte[] sign(byte[] message) {
        int split = indexOf(message, HEADER_END);
        if (split < 0) {
            throw new IllegalArgumentException("not a message: no empty line after the header");
        }
        Tools t = tools.get();
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(t.digest(), message, split + HEADER_END.length));
        String unsigned = fieldStart + bodyHash + ";\r\n\tb=";
        byte[] signature;
        try {
            Signature s = t.signature();
            // The fields of h= in canonical form, each with CRLF; then this signature's own field
            // with b= empty and no CRLF (RFC 6376 3.7).
            Map<String, List<String>> fields = fieldsByName(new String(message, 0, split + 2, StandardCharsets.ISO_8859_1));
            Map<String, Integer> used = new HashMap<>();
            for (String name : SIGNED_HEADERS) {
                List<String> found = fields.getOrDefault(name, List.of());
                int nth = used.merge(name, 1, Integer::sum);
                if (nth <= found.size()) {
                    // The same name again signs the next instance up from the bottom; a name with
                    // no instance left signs nothing, so one added later breaks the signature.
                    s.update(relaxed(found.get(found.size() - nth)));
                    s.update(CRLF);
                }
            }
            s.update(relaxed(unsigned));
            signature = s.sign(); // leaves s initialised for the next message
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed for " + domain + ": " + e.getMessage(), e);
        }
        StringBuilder field = new StringBuilder(unsigned.length() + 400).append(unsigned);
        String b = Base64.getEncoder().encodeToString(signature);
        for (int i = 0; i < b.length(); i += B_LINE) {
            field.append(i == 0 ? "" : "\r\n\t").append(b, i, Math.min(b.length(), i + B_LINE));
        }
        byte[] head = field.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[head.length + message.length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(message, 0, signed, head.length, message.length);
        return signed;
    }

    private static byte[] bodyHash(MessageDigest digest, byte[] message, int bodyStart) {
        digest.reset();
        DigestOutputStream hashed = new DigestOutputStream(digest);
        try (OutputStream body = new RelaxedBodyCanonicalizer(hashed)) {
            body.write(message, bodyStart, message.length - bodyStart);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // hashing in memory
        }
        return hashed.getDigest();
    }

    /**
     * A header field in relaxed canonical form (RFC 6376 3.4.2), without its CRLF: the name in
     * lower case, then ":" and the value unfolded, every run of blanks made one space, with no
     * blanks at either end of the value or around the colon. The text is ISO-8859-1, so every byte
     * is one char and comes back as the same byte.
     */
    static byte[] relaxed(String field) {
        int colon = field.indexOf(':');
        StringBuilder out = new StringBuilder(field.length());
        out.append(field, 0, colon);
        out.setLength(blankEnd(out));
        lowerCase(out);
        out.append(':');
        boolean blank = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfolding: the blank that follows the line break stays
            }
            if (c == ' ' || c == '\t') {
                blank = true;
                continue;
            }
            if (blank && out.charAt(out.length() - 1) != ':') {
                out.append(' ');
            }
            blank = false;
            out.append(c);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int blankEnd(StringBuilder s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }

    private static void lowerCase(StringBuilder s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                s.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
    }

    /** The header block's fields by lower-case name, each field's raw text (folding kept) without its final CRLF. */
    private static Map<String, List<String>> fieldsByName(String block) {
        Map<String, List<String>> byName = new HashMap<>();
        int start = 0;
        for (int i = 0; i + 1 < block.length(); i++) {
            boolean lineEnd = block.charAt(i) == '\r' && block.charAt(i + 1) == '\n';
            boolean folded = i + 2 < block.length() && (block.charAt(i + 2) == ' ' || block.charAt(i + 2) == '\t');
            if (lineEnd && !folded) {
                String field = block.substring(start, i);
                int colon = field.indexOf(':');
                if (colon > 0) {
                    byName.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
                            .add(field);
                }
                start = i + 2;
                i++;
            }
        }
        return byName;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
