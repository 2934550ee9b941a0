package org.optline.delivery.transport;

import io.netty.handler.codec.smtp.SmtpResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Reading NioSmtpClient's decoded replies, and the failures its futures end with. */
final class SmtpReplies {

    private SmtpReplies() {}

    /** The first refusal among the replies to RSET/MAIL/RCPT/DATA and the end of data, or "accepted". */
    static SmtpReply firstError(List<SmtpResponse> replies) {
        return firstError(replies, 0, replies.size());
    }

    /** As {@link #firstError(List)}, over the replies from {@code from} up to {@code to} (one write's group, without a view). */
    static SmtpReply firstError(List<SmtpResponse> replies, int from, int to) {
        for (int i = from; i < to; i++) {
            SmtpResponse r = replies.get(i);
            if (r.code() >= 400) {
                return SmtpReply.parse(r.code(), text(r));
            }
        }
        return SmtpReply.ACCEPTED;
    }

    static String text(SmtpResponse reply) {
        return String.join(" ", reply.details());
    }

    /** What a future that completed exceptionally failed with (as its join throws it). */
    static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IOException("no failure");
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost cause, as a connection fault's text: its class and message. */
    static String rootMessage(Throwable failure) {
        Throwable t = root(failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
