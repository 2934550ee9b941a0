package org.optline.delivery.transport;

import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpClientResponse;
import com.hubspot.smtp.client.SmtpSession;
import com.hubspot.smtp.messages.MessageContent;
import com.hubspot.smtp.messages.MessageContentEncoding;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.smtp.SmtpRequest;
import io.netty.handler.codec.smtp.SmtpRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A pooled session: the writes it carries, how many messages it has carried, and since when it is open and idle. */
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

    /** A whole message with NioSmtpClient's own send (a relay without PIPELINING): MAIL, RCPT, DATA, the data. */
    CompletableFuture<SmtpClientResponse> send(Envelope e) {
        replies.clear(); // not read on this path; kept from growing over the connection's life
        CompletableFuture<SmtpClientResponse> reply = session.send(e.mailFrom(), e.rcptTo(), content(e));
        sent++;
        return reply;
    }

    /**
     * One pipelined write (RFC 2920): the data of {@code ended} (whose DATA the server answered
     * with 354), if any, then RSET (if {@code reset}), MAIL, RCPT and DATA of {@code started}, if
     * any. Throws if refused before anything was written (a message over the server's SIZE, say).
     */
    CompletableFuture<SmtpClientResponse> write(Envelope ended, Envelope started, boolean reset) {
        replies.clear();
        if (started == null) {
            return session.send(content(ended));
        }
        List<SmtpRequest> commands = new ArrayList<>(4);
        if (reset) {
            commands.add(SmtpRequests.rset());
        }
        commands.add(mail(started));
        commands.add(SmtpRequests.rcpt(started.rcptTo()));
        commands.add(SmtpRequests.data());
        var group = commands.toArray(SmtpRequest[]::new);
        CompletableFuture<SmtpClientResponse> reply = ended != null ? session.sendPipelined(content(ended), group)
                : session.sendPipelined(group);
        sent++;
        return reply;
    }

    /** MAIL FROM, with SMTPUTF8 where an address needs it and the server offers it (as NioSmtpClient's own send does). */
    private SmtpRequest mail(Envelope e) {
        boolean ascii = e.mailFrom().chars().allMatch(c -> c < 128) && e.rcptTo().chars().allMatch(c -> c < 128);
        return !ascii && session.getEhloResponse().isSupported(Extension.SMTPUTF8)
                ? SmtpRequests.mail(e.mailFrom(), "SMTPUTF8") : SmtpRequests.mail(e.mailFrom());
    }

    /** A message's pre-built bytes, written as they are (dot-stuffed and ended by NioSmtpClient). */
    private static MessageContent content(Envelope e) {
        return MessageContent.of(Unpooled.wrappedBuffer(e.data()), MessageContentEncoding.SEVEN_BIT);
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
