package org.optline.delivery.transport;

import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpSession;
import io.netty.handler.codec.smtp.SmtpRequests;

/** A pooled session and how many messages it has carried. */
final class RelayConnection {
    final SmtpSession session;
    final ReplyLog replies;
    final boolean pipelining;
    int sent;
    boolean broken;
    /** Whether the transport's count of open connections no longer includes this one. */
    final java.util.concurrent.atomic.AtomicBoolean countedOut = new java.util.concurrent.atomic.AtomicBoolean();

    RelayConnection(SmtpSession session, ReplyLog replies) {
        this.session = session;
        this.replies = replies;
        this.pipelining = session.getEhloResponse().isSupported(Extension.PIPELINING);
    }

    boolean usable(int maxMessages) {
        return !broken && sent < maxMessages && !session.getCloseFuture().isDone();
    }

    /** QUIT, then close; a broken connection is only closed. */
    void quit() {
        if (session.getCloseFuture().isDone()) {
            return;
        }
        if (broken) {
            session.close();
            return;
        }
        try {
            session.send(SmtpRequests.quit()).whenComplete((r, e) -> session.close());
        } catch (RuntimeException e) {
            session.close();
        }
    }
}
