package org.optline.delivery.transport;

import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpSession;
import io.netty.handler.codec.smtp.SmtpRequests;
import java.util.concurrent.atomic.AtomicBoolean;

/** A pooled session, how many messages it has carried, and since when it is open and idle. */
final class RelayConnection {
    final SmtpSession session;
    final ReplyLog replies;
    final boolean pipelining;
    final long openedAtNanos = System.nanoTime();
    /** Whether and when it last went back to the pool. */
    volatile boolean everPooled;
    volatile long pooledAtNanos;
    int sent;
    boolean broken;
    /** Whether the transport's count of open connections no longer includes this one. */
    final AtomicBoolean countedOut = new AtomicBoolean();

    RelayConnection(SmtpSession session, ReplyLog replies) {
        this.session = session;
        this.replies = replies;
        this.pipelining = session.getEhloResponse().isSupported(Extension.PIPELINING);
    }

    /**
     * Whether it may carry another message: not broken or closed, under the message cap and the
     * age limit. A connection carries its first message whatever its age, so that a slow connect
     * never ends in connecting again and again.
     */
    boolean usable(int maxMessages, long maxAgeNanos) {
        return !broken && sent < maxMessages && !pastAge(maxAgeNanos) && !session.getCloseFuture().isDone();
    }

    /** Open longer than {@code maxAgeNanos}, unless it is fresh from its connect and has carried nothing yet. */
    boolean pastAge(long maxAgeNanos) {
        boolean fresh = sent == 0 && !everPooled;
        return !fresh && System.nanoTime() - openedAtNanos >= maxAgeNanos;
    }

    boolean idleLongerThan(long nanos) {
        return System.nanoTime() - pooledAtNanos > nanos;
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
