package org.optline.delivery.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs finished messages for one sending domain with Apache James jDKIM: rsa-sha256,
 * {@code c=relaxed/relaxed}, over the headers that receivers and mailbox providers look at
 * (STANDARDS: From, To, Subject, Date, Message-ID, MIME-Version, Content-Type and the list and
 * feedback headers). From and Subject are listed twice ("over-signed"), so a second From or Subject
 * added on the way breaks the signature instead of being shown to the reader. Signing is the last
 * step before the transport: nothing may change the message afterwards.
 */
public final class DkimSigner {

    /** Header names in h=, lower case; the repeated names are the over-signed ones. */
    public static final List<String> SIGNED_HEADERS = List.of("from", "from", "to", "subject", "subject", "date",
            "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post", "feedback-id");

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final String template;

    public DkimSigner(String domain, String selector, PrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        this.template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; h="
                + String.join(":", SIGNED_HEADERS) + "; bh=; b=;";
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /** The message with its DKIM-Signature header prepended. */
    public byte[] sign(byte[] message) {
        String header;
        try {
            // jDKIM's signer keeps per-message state, so each signature gets its own instance.
            header = new DKIMSigner(template, key).sign(new ByteArrayInputStream(message));
        } catch (IOException | FailException e) {
            throw new IllegalStateException("DKIM signing failed for " + domain + ": " + e.getMessage(), e);
        }
        byte[] head = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[head.length + message.length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(message, 0, signed, head.length, message.length);
        return signed;
    }
}
