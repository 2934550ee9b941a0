package org.optline.delivery.transport;

import io.netty.handler.codec.smtp.SmtpResponse;
import java.util.List;

/**
 * What the replies to one write on a relay connection say (RFC 2920): the outcome of the message
 * whose data the write ended, the outcome of the envelope it started (or that its data follows),
 * and whether the connection may carry another message. Pure: the lane hands it what it sent and
 * the replies received, in order, and records what it answers.
 *
 * <p>The common answers (accepted, data follows) are shared constants, so reading a write
 * allocates nothing unless a reply refuses or a fault is written.
 */
final class PipelinedReplies {

    private PipelinedReplies() {}

    /** What went out in one write, in the order the server answers it. */
    enum Write {
        /** MAIL, RCPT, DATA of an envelope on a connection that carried nothing yet. */
        ENVELOPE(false, false, true),
        /** RSET, MAIL, RCPT, DATA: a transaction may be left over on the connection. */
        RESET_ENVELOPE(false, true, true),
        /** The end of one message's data, then MAIL, RCPT, DATA of the next envelope. */
        DATA_ENVELOPE(true, false, true),
        /** The end of one message's data alone. */
        DATA(true, false, false);

        final boolean endsData;
        final boolean reset;
        final boolean startsEnvelope;

        Write(boolean endsData, boolean reset, boolean startsEnvelope) {
            this.endsData = endsData;
            this.reset = reset;
            this.startsEnvelope = startsEnvelope;
        }

        /** The write that ends the data of a message (if {@code endsData}) and starts an envelope (if {@code startsEnvelope}). */
        static Write of(boolean endsData, boolean startsEnvelope, boolean reset) {
            if (endsData) {
                return startsEnvelope ? DATA_ENVELOPE : DATA;
            }
            return reset ? RESET_ENVELOPE : ENVELOPE;
        }

        /** Replies to the envelope's commands: RSET (if any), MAIL, RCPT and DATA. */
        int envelopeReplies() {
            return startsEnvelope ? (reset ? 4 : 3) : 0;
        }
    }

    /**
     * What one write's replies say.
     *
     * @param ended the outcome of the message whose data the write ended; null when it ended none,
     *     or no reply to the end of data came (a connection fault, which the lane writes)
     * @param dataFollows the envelope the write started was answered with 354 and the connection
     *     goes on: its data goes out in the next write
     * @param envelope the outcome of the envelope the write started, when its data does not
     *     follow; null when it started none, its data follows, or not all its replies came
     * @param keepsConnection whether the connection may carry another message
     */
    record Reading(SmtpReply ended, boolean dataFollows, SmtpReply envelope, boolean keepsConnection) {}

    private static final Reading DATA_FOLLOWS = new Reading(null, true, null, true);
    private static final Reading ACCEPTED_DATA_FOLLOWS = new Reading(SmtpReply.ACCEPTED, true, null, true);
    private static final Reading ACCEPTED = new Reading(SmtpReply.ACCEPTED, false, null, true);

    /**
     * Reads the replies to {@code sent}: the end of data first, then the envelope's. {@code lost}:
     * the connection failed, timed out or was given up before the write was fully answered, so
     * {@code replies} are those that came before, and no data may follow.
     */
    static Reading read(Write sent, List<SmtpResponse> replies, boolean lost) {
        boolean keep = !lost;
        SmtpReply ended = null;
        int at = 0;
        if (sent.endsData) {
            if (replies.isEmpty()) {
                keep = false;
            } else {
                ended = endOfData(replies.get(0));
                // A temporary refusal may be about the connection (too many messages on it, a
                // busy server): a fresh one is the safer bet. A 5xx is about the message.
                keep &= ended == SmtpReply.ACCEPTED || ended.code() >= 500;
            }
            at = 1;
        }
        if (!sent.startsEnvelope) {
            return of(ended, false, null, keep);
        }
        int expected = sent.envelopeReplies();
        if (replies.size() < at + expected) {
            return of(ended, false, null, false); // the envelope's outcome is a connection fault
        }
        SmtpResponse data = replies.get(at + expected - 1);
        SmtpReply refusal = SmtpReplies.firstError(replies, at, at + expected);
        if (refusal == SmtpReply.ACCEPTED && data.code() == 354 && keep) {
            return of(ended, true, null, true);
        }
        if (refusal == SmtpReply.ACCEPTED) {
            refusal = data.code() == 354 ? SmtpReply.connectionFault("the connection failed before the data was sent")
                    : SmtpReply.connectionFault("unexpected reply to DATA: " + data.code());
        }
        // Keep the connection after a permanent refusal of MAIL or RCPT (an unknown user, the
        // common case): the next write starts with RSET. Anything else gets a fresh one, as does
        // a server that said 354 after refusing (it now waits for data we won't send) and one
        // that refused the RSET.
        keep &= refusal.code() >= 500 && data.code() != 354 && !(sent.reset && replies.get(at).code() >= 400);
        return of(ended, false, refusal, keep);
    }

    /** The reply to the end of data: a refusal as the server wrote it, accepted, or a fault for anything else. */
    private static SmtpReply endOfData(SmtpResponse reply) {
        return reply.code() >= 400 ? SmtpReply.parse(reply.code(), SmtpReplies.text(reply))
                : reply.code() / 100 == 2 ? SmtpReply.ACCEPTED
                : SmtpReply.connectionFault("unexpected reply to the end of data: " + reply.code());
    }

    private static Reading of(SmtpReply ended, boolean dataFollows, SmtpReply envelope, boolean keep) {
        if (keep && envelope == null) {
            if (dataFollows && ended == null) {
                return DATA_FOLLOWS;
            }
            if (ended == SmtpReply.ACCEPTED) {
                return dataFollows ? ACCEPTED_DATA_FOLLOWS : ACCEPTED;
            }
        }
        return new Reading(ended, dataFollows, envelope, keep);
    }

    /**
     * What the replies to NioSmtpClient's own send of a whole message say (a relay without
     * PIPELINING, one command at a time): the first refusal, or accepted. The connection is kept
     * only after an accepted message: after a refusal inside that send the client may still owe
     * the server's answers to the rest of it, and a fresh connection is cheaper than untangling it.
     */
    static Reading oneAtATime(List<SmtpResponse> replies) {
        SmtpReply reply = SmtpReplies.firstError(replies);
        return of(reply, false, null, reply.verdict() == SmtpReply.Verdict.DELIVERED);
    }
}
