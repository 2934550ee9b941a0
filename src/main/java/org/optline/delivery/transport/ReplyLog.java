package org.optline.delivery.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.smtp.SmtpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SMTP replies one connection received since the last {@link #clear}, as they arrived.
 *
 * <p>When the end of one message's data goes out in the same write as the next message's
 * commands, the reply that matters most (250 for the message just sent) comes first, and a fault
 * may follow before the rest of the group is answered. NioSmtpClient then fails the whole group
 * and keeps the replies it had to itself (only in an exception's text, or not at all after a
 * timeout). Without this log a message the server had accepted would be counted as a fault and
 * sent again.
 *
 * <p>{@link #installer()} goes among the session's first handlers; once added it puts the log
 * itself just before NioSmtpClient's reply handler, where replies are already decoded, and
 * removes itself.
 */
final class ReplyLog extends ChannelInboundHandlerAdapter {

    private final List<SmtpResponse> replies = new ArrayList<>();

    /** Forgets what came before: the next write starts a new group. */
    synchronized void clear() {
        replies.clear();
    }

    /** The replies received since the last {@link #clear}, in order. */
    synchronized List<SmtpResponse> sinceClear() {
        return List.copyOf(replies);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SmtpResponse reply) {
            synchronized (this) {
                replies.add(reply);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** A handler that, added first to a new channel, moves this log into place (see the class comment). */
    ChannelHandler installer() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                String replyHandler = null;
                for (Map.Entry<String, ChannelHandler> h : ctx.pipeline()) {
                    if (h.getValue().getClass().getName().equals("com.hubspot.smtp.client.ResponseHandler")) {
                        replyHandler = h.getKey();
                    }
                }
                if (replyHandler == null) {
                    // A NioSmtpClient that builds its pipeline differently: fail loudly (the relay
                    // tests catch it) rather than lose replies quietly.
                    throw new IllegalStateException("NioSmtpClient's reply handler is not in the channel pipeline");
                }
                ctx.pipeline().addBefore(replyHandler, "optline-reply-log", ReplyLog.this);
                ctx.pipeline().remove(this);
            }
        };
    }
}
