package org.optline.inbound.classify;

import org.optline.inbound.MailKind;

/**
 * What the classifier read from one raw message. It names no client or send: matching the
 * evidence (VERP address, reply address, the returned message's headers) to a send is the
 * actions' job. Any part the message did not have is null.
 *
 * @param kind       the kind of mail
 * @param recipient  the address the report is about (Final-Recipient, Original-Rcpt-To) or, for
 *                   a reply, the replying address
 * @param status     a bounce's enhanced status code ({@code 5.1.1}); a complaint's Feedback-Type
 * @param diagnostic a bounce's Diagnostic-Code or the words a non-standard bounce gave, clipped
 * @param rule       which rule decided the kind, for people reading why ("dsn", "arf",
 *                   "auto-submitted header", "unsubscribe intent: subject", ...)
 * @param returned   the headers of the message that bounced or was reported, when it came back
 * @param reply      a reply's sender, subject and words (replies and unsubscribe requests)
 * @param feedback   an ARF report's fields (complaints)
 */
public record Classification(MailKind kind, String recipient, String status, String diagnostic, String rule,
                             Returned returned, Reply reply, Feedback feedback) {

    /** Headers of the original message as a DSN or ARF report returned them (message/rfc822 or text/rfc822-headers). */
    public record Returned(String messageId, String returnPath, String to, String listUnsubscribe, String feedbackId) {}

    /**
     * A reply's sender (From address), Subject, In-Reply-To, and its new words: the plain text
     * (or the HTML part's text) without the quoted message, clipped to a few kilobytes.
     */
    public record Reply(String from, String subject, String inReplyTo, String text) {}

    /** The machine-readable part of an ARF report (RFC 5965 §3.1, §3.2). */
    public record Feedback(String feedbackType, String userAgent, String version, String originalRcptTo,
                           String originalMailFrom, String arrivalDate, String sourceIp) {}
}
