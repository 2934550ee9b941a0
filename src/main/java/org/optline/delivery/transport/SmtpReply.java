package org.optline.delivery.transport;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP reply (RFC 5321 basic code, RFC 3463 enhanced code, text) and what it means for the
 * recipient. Connection faults, timeouts and anything else that did not complete the transaction
 * are written as 4xx replies, since trying again later is the right answer to all of them.
 */
public record SmtpReply(int code, String enhanced, String text) {

    public static final SmtpReply ACCEPTED = new SmtpReply(250, "2.0.0", "accepted");

    /**
     * Not sent at all: the campaign stopped while its batch was going out, or a destination's
     * concurrency limit held the message back until the batch's time was up.
     */
    public static final SmtpReply NOT_SENT = new SmtpReply(0, null, "not sent: the campaign stopped, or its destination was busy");

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    /** What to do with the recipient after this reply. */
    public enum Verdict {
        /** 2xx after DATA: the receiving server took responsibility. */
        DELIVERED,
        /** Never offered to the server (the campaign stopped, or the destination was busy): back to the queue as it was. */
        NOT_SENT,
        /** 4xx or no reply: try again later (greylisting, busy server, dropped connection). */
        DEFERRED,
        /** 5xx on RCPT or DATA about the recipient: a hard bounce; the address is suppressed. */
        BOUNCED,
        /**
         * 5xx about this message, not the address (5.3.x too big or unsupported, 5.6.x content,
         * 5.2.3 too big for the mailbox): the message failed; nobody is suppressed.
         */
        REJECTED,
        /**
         * 5.7.x that blames the sender (reputation, policy, authentication, blocklists): the
         * recipient is not at fault, so the campaign pauses instead of suppressing anyone.
         */
        SENDER_BLOCKED
    }

    /** A reply line as servers send it, e.g. {@code 550 5.1.1 <x@y>: user unknown}. */
    public static SmtpReply parse(int code, String text) {
        String rest = text == null ? "" : text.strip();
        Matcher m = ENHANCED.matcher(rest);
        String enhanced = null;
        if (m.find()) {
            enhanced = m.group();
            rest = rest.substring(m.end()).strip();
        }
        return new SmtpReply(code, enhanced, rest);
    }

    /**
     * The relay itself refused us while connecting (EHLO or AUTH refused, TLS failed, an address
     * we may not connect to): nothing to do with any recipient, so it is written as a sender-side
     * 5.7.0 and pauses the campaign.
     */
    public static SmtpReply relayRefused(String what) {
        return new SmtpReply(554, "5.7.0", RELAY_REFUSED + (what == null ? "unknown reason" : what));
    }

    private static final String RELAY_REFUSED = "the relay refused the connection: ";

    /** Whether this is {@link #relayRefused}'s reply: our own relay, not a receiving server, refused us. */
    public boolean relayRefusedUs() {
        return code == 554 && "5.7.0".equals(enhanced) && text != null && text.startsWith(RELAY_REFUSED);
    }

    private static final String UNREACHABLE = "the relay could not be reached: ";

    /** Every connection of the relay stayed busy with other batches for this batch's whole time: nothing was tried. */
    public static final SmtpReply ALL_CONNECTIONS_BUSY = new SmtpReply(421, "4.4.2", "all relay connections busy");

    /**
     * No connection to the relay could be opened at all for a batch (refused, no route, name not
     * found, timed out): temporary, and about the way out, not the recipient. The worker pauses the
     * campaign when it lasts ({@code optline.delivery.retry.pause-when-unreachable}).
     */
    public static SmtpReply unreachable(String what) {
        return new SmtpReply(421, "4.4.1", UNREACHABLE + (what == null ? "no connection" : what));
    }

    /** Whether this is {@link #unreachable}'s reply: no server was ever reached. */
    public boolean relayUnreachable() {
        return code == 421 && "4.4.1".equals(enhanced) && text != null && text.startsWith(UNREACHABLE);
    }

    /** Whether a server answered for this outcome (anything but unreachable, all busy, or not sent). */
    public boolean serverAnswered() {
        return code != 0 && !relayUnreachable() && !equals(ALL_CONNECTIONS_BUSY);
    }

    /** A fault with no server reply (connection refused or dropped, timeout): a temporary failure. */
    public static SmtpReply connectionFault(String what) {
        return new SmtpReply(421, "4.4.2", what == null ? "connection failed" : what);
    }

    public Verdict verdict() {
        if (code == 0) {
            return Verdict.NOT_SENT;
        }
        if (code >= 200 && code < 300) {
            return Verdict.DELIVERED;
        }
        if (code >= 500 && code < 600) {
            if (blamesSender()) {
                return Verdict.SENDER_BLOCKED;
            }
            boolean aboutMessage = enhanced != null
                    && (enhanced.startsWith("5.3.") || enhanced.startsWith("5.6.") || "5.2.3".equals(enhanced));
            return aboutMessage ? Verdict.REJECTED : Verdict.BOUNCED;
        }
        return Verdict.DEFERRED;
    }

    /**
     * 5.1.7 and 5.1.8 refuse the sender's address. 5.7.x is the security and policy class. Most of it is about the sender (5.7.1 "message
     * refused as spam", 5.7.25–27 reverse DNS, SPF, DMARC, blocklist texts); the exceptions that are
     * about the recipient mailbox (5.7.1 "recipient not authorized", "mailbox" wording) stay bounces.
     */
    private boolean blamesSender() {
        if ("5.1.7".equals(enhanced) || "5.1.8".equals(enhanced)) {
            return true; // the sender's address itself is refused
        }
        if (enhanced == null || !enhanced.startsWith("5.7.")) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        boolean aboutRecipient = (t.contains("recipient") || t.contains("mailbox") || t.contains("user unknown"))
                && !(t.contains("spam") || t.contains("blocked") || t.contains("reputation") || t.contains("policy"));
        return !aboutRecipient;
    }

    @Override
    public String toString() {
        return code + (enhanced == null ? "" : " " + enhanced) + (text.isEmpty() ? "" : " " + text);
    }
}
