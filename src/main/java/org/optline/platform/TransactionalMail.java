package org.optline.platform;

import java.util.UUID;

/**
 * The port through which modules send one-off service mail (subscription confirmations, notices).
 * The delivery module implements it; callers never know whether the message is captured in the
 * built-in outbox or relayed over SMTP.
 */
public interface TransactionalMail {

    /**
     * One message: plain text always, HTML optionally. {@code clientId} is null for platform mail,
     * which the client cannot read; {@code onBehalfOf} then names the client it was sent for (a
     * subscription confirmation), so that client's erasure of the address can delete it.
     */
    record Message(UUID clientId, String kind, String fromName, String to, String subject, String text, String html,
                   UUID onBehalfOf) {

        /** A message the client can read (or platform mail on nobody's behalf). */
        public Message(UUID clientId, String kind, String fromName, String to, String subject, String text, String html) {
            this(clientId, kind, fromName, to, subject, text, html, null);
        }
    }

    /** Sends (or captures) the message; answers its Message-ID. */
    String send(Message message);
}
