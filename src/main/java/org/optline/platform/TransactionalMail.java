package org.optline.platform;

import java.util.UUID;

/**
 * The port through which modules send one-off service mail (subscription confirmations, notices).
 * The delivery module implements it; callers never know whether the message is captured in the
 * built-in outbox or relayed over SMTP.
 */
public interface TransactionalMail {

    /** One message: plain text always, HTML optionally. {@code clientId} is null for platform mail. */
    record Message(UUID clientId, String kind, String fromName, String to, String subject, String text, String html) {}

    /** Sends (or captures) the message; answers its Message-ID. */
    String send(Message message);
}
