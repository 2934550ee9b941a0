package org.optline.delivery.queue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;

/**
 * What a batch's outcomes come to, by each reply's verdict, with no store behind it: the rows to
 * settle (sent; deferred, to try again; failed; never offered, back to the queue), the recipients
 * whose address is dead (hard bounces), and the campaign's consequence (a refusal that blames the
 * sender pauses it). Lists keep the outcomes' order.
 *
 * @param notSent never offered to the server (the campaign stopped, or the destination was busy)
 * @param failed refused for good: hard bounces and messages refused for themselves
 * @param bounced the hard bounces among {@code failed}, whose address is dead
 * @param senderBlocked the last reply that blamed the sender, or null
 */
record Settlement(List<UUID> sent, List<UUID> notSent, List<Outcome> deferred, List<SendQueueStore.Failure> failed,
                  List<Outcome> bounced, SmtpReply senderBlocked) {

    static Settlement of(List<Outcome> outcomes) {
        List<UUID> sent = new ArrayList<>();
        List<UUID> notSent = new ArrayList<>();
        List<Outcome> deferred = new ArrayList<>();
        List<SendQueueStore.Failure> failed = new ArrayList<>();
        List<Outcome> bounced = new ArrayList<>();
        SmtpReply senderBlocked = null;
        for (Outcome o : outcomes) {
            switch (o.reply().verdict()) {
                case DELIVERED -> sent.add(o.subscriberId());
                case NOT_SENT -> notSent.add(o.subscriberId());
                case DEFERRED -> deferred.add(o);
                case BOUNCED -> {
                    failed.add(new SendQueueStore.Failure(o.subscriberId(), o.reply().toString()));
                    bounced.add(o);
                }
                case REJECTED -> failed.add(new SendQueueStore.Failure(o.subscriberId(), o.reply().toString()));
                case SENDER_BLOCKED -> senderBlocked = o.reply();
            }
        }
        return new Settlement(sent, notSent, deferred, failed, bounced, senderBlocked);
    }

    /** The deferred subscribers' ids, to look up their attempts so far. */
    List<UUID> deferredIds() {
        return deferred.stream().map(Outcome::subscriberId).toList();
    }

    /**
     * Each deferred recipient with its next attempt: {@code waitAfter} the attempt this was
     * ({@code attempts} so far, plus this one).
     */
    List<SendQueueStore.Deferral> deferrals(Map<UUID, Integer> attempts, OffsetDateTime now, IntFunction<Duration> waitAfter) {
        return deferred.stream().map(o -> new SendQueueStore.Deferral(o.subscriberId(), o.reply().toString(),
                now.plus(waitAfter.apply(1 + attempts.getOrDefault(o.subscriberId(), 0))))).toList();
    }

    /**
     * Whoever was never offered to the server, or was refused with the sender blamed, waits
     * untouched for the resume: the claim goes back with them.
     */
    boolean handBack() {
        return !notSent.isEmpty() || senderBlocked != null;
    }

    /**
     * The rows to write: these outcomes, plus the recipients skipped before sending and those the
     * throttle put off until {@code postponedUntil}.
     */
    SendQueueStore.Settlement rows(List<UUID> skipped, List<SendQueueStore.Deferral> deferrals, List<UUID> later,
                                   OffsetDateTime postponedUntil) {
        return new SendQueueStore.Settlement(sent, skipped, deferrals, failed, later, postponedUntil, handBack());
    }

    /** Why the campaign pauses, as its client reads it, or null; {@code platforms}: sent through the platform's relay. */
    String pauseReason(boolean platforms) {
        return senderBlocked == null ? null : blockedNote(platforms, senderBlocked);
    }

    /** Why the campaign pauses, as its client reads it: the platform relay's own errors stay in the log. */
    static String blockedNote(boolean platforms, SmtpReply reply) {
        if (platforms && reply.relayRefusedUs()) {
            return "The platform's SMTP relay refused our connection; the operator has to fix its settings. "
                    + "Resume the campaign once that is done.";
        }
        if (reply.relayRefusedUs()) {
            return "Your SMTP relay refused the connection: " + reply;
        }
        return "The receiving server refused the sender: " + reply;
    }

    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
