package org.optline.delivery.transport;

import io.netty.handler.codec.smtp.SmtpResponse;
import java.util.List;

/** Reading NioSmtpClient's decoded replies. */
final class SmtpReplies {

    private SmtpReplies() {}

    /** The first refusal among the replies to RSET/MAIL/RCPT/DATA and the end of data, or "accepted". */
    static SmtpReply firstError(List<SmtpResponse> replies) {
        for (SmtpResponse r : replies) {
            if (r.code() >= 400) {
                return SmtpReply.parse(r.code(), text(r));
            }
        }
        return SmtpReply.ACCEPTED;
    }

    static String text(SmtpResponse reply) {
        return String.join(" ", reply.details());
    }
}
