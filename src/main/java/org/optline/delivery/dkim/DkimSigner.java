package org.optline.delivery.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs finished messages for one sending domain with Apache James jDKIM: rsa-sha256,
 * {@code c=relaxed/relaxed}, over the headers that receivers and mailbox providers look at
 * (STANDARDS: From, To, Subject, Date, Message-ID, MIME-Version, Content-Type and the list and
 * feedback headers). From and Subject are listed twice ("over-signed"), so a second From or Subject
 * added on the way breaks the signature instead of being shown to the reader. Signing is the last
 * step before the transport: nothing may change the message afterwards.
 *
 * <p>jDKIM does the canonicalisation, hashing and signature record; the message is handed to it
 * as a header list and a body stream split here, because its own entry point parses each message
 * with mime4j, whose service lookup per message cost more than the RSA signature. The messages are
 * our own (CRLF lines, header block ending in an empty line), so the split is simple.
 */
public final class DkimSigner {

    /** Header names in h=, lower case; the repeated names are the over-signed ones. */
    public static final List<String> SIGNED_HEADERS = List.of("from", "from", "to", "subject", "subject", "date",
            "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post", "feedback-id");

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final String domain;
    private final String selector;
    private final String template;
    private final DKIMSigner signer;

    public DkimSigner(String domain, String selector, PrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; h="
                + String.join(":", SIGNED_HEADERS) + "; bh=; b=;";
        this.signer = new DKIMSigner(template, key); // holds only the template and key: safe to share
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
        String header;
        try {
            BodyHasher body = signer.newBodyHasher(signer.newSignatureRecordTemplate(template));
            try (OutputStream out = body.getOutputStream()) {
                out.write(message, split + HEADER_END.length, message.length - split - HEADER_END.length);
            }
            header = signer.sign(new RawHeaders(new String(message, 0, split + 2, StandardCharsets.ISO_8859_1)), body);
        } catch (IOException | FailException e) {
            throw new IllegalStateException("DKIM signing failed for " + domain + ": " + e.getMessage(), e);
        }
        byte[] head = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[head.length + message.length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(message, 0, signed, head.length, message.length);
        return signed;
    }

    /**
     * The header fields of a message as jDKIM wants them: each field's raw text, folding kept,
     * without its final CRLF. The bytes are read as ISO-8859-1 so that every byte survives as one
     * char (our headers are ASCII anyway, with RFC 2047 encoded words).
     */
    private static final class RawHeaders implements Headers {
        private final List<String> fields = new ArrayList<>();
        /** Fields by lower-case name: jDKIM asks once per name in h=, a dozen times per message. */
        private final java.util.Map<String, List<String>> byName = new java.util.HashMap<>();

        RawHeaders(String block) {
            int start = 0;
            for (int i = 0; i + 1 < block.length(); i++) {
                boolean lineEnd = block.charAt(i) == '\r' && block.charAt(i + 1) == '\n';
                boolean folded = i + 2 < block.length() && (block.charAt(i + 2) == ' ' || block.charAt(i + 2) == '\t');
                if (lineEnd && !folded) {
                    add(block.substring(start, i));
                    start = i + 2;
                    i++;
                }
            }
        }

        private void add(String field) {
            fields.add(field);
            int colon = field.indexOf(':');
            if (colon > 0) {
                byName.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
                        .add(field);
            }
        }

        @Override
        public List<String> getFields() {
            return fields;
        }

        @Override
        public List<String> getFields(String name) {
            return new ArrayList<>(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        }
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
