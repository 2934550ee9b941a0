package org.optline.delivery.transport;

import com.hubspot.smtp.client.SmtpClientResponse;
import io.netty.handler.codec.smtp.SmtpResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through a relay batch on one connection at a time: one message in flight, or, where the
 * server offers PIPELINING, one message's data and the next one's envelope in the same write
 * (what their replies say is {@link PipelinedReplies}'s to read). Each lane holds one of the
 * transport's connection permits; its callbacks run on the connection's Netty thread.
 */
final class RelayLane {

    /** Logged under the transport's name, which operators know and configure. */
    private static final Logger log = LoggerFactory.getLogger(SmtpRelayTransport.class);
    /** No message of the connection is waiting for its data. */
    private static final int NOTHING_OPEN = -1;

    private final RelayBatch run;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicReference<RelayConnection> asleepOn = new AtomicReference<>();
    private final Runnable wakeUp = this::wake;

    private final RelayConnectionPool pool;
    private final ConnectionPermits permits;
    private final RelaySessions sessions;
    private final OpenTransactions transactions;

    RelayLane(RelayBatch run, RelayConnectionPool pool, ConnectionPermits permits, RelaySessions sessions,
              OpenTransactions transactions) {
        this.run = run;
        this.pool = pool;
        this.permits = permits;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    /** Resumes a lane that waited for a transaction to end (once, however many wake it). */
    void wake() {
        RelayConnection connection = asleepOn.getAndSet(null);
        if (connection == null) {
            return;
        }
        run.waiting.remove(wakeUp);
        try {
            pump(connection);
        } catch (RuntimeException | Error unexpected) {
            // Woken on another lane's thread: its failure must not become that lane's.
            log.warn("SMTP lane stopped", unexpected);
            connection.broken = true;
            connection.session.close();
            finish();
        }
    }

    /** Starts the lane, already counted in the run's lanes by the caller. */
    CompletableFuture<Void> start() {
        withConnection();
        return done;
    }

    /** This lane is over; its permit goes back (the caller's whenComplete). */
    private void finish() {
        if (done.complete(null)) {
            run.laneEnded();
        }
    }

    /**
     * Leaves the rest of the run to its other lanes, if it has any left, so that this
     * connection (and its permit) can serve other batches meanwhile: the lane is counted out
     * of the run, pools its connection and ends. Answers false, doing nothing, for the last
     * lane, which stays.
     */
    private boolean leftToOthers(RelayConnection connection) {
        int left;
        do {
            left = run.lanesLeft.get();
            if (left <= 1) {
                return false;
            }
        } while (!run.lanesLeft.compareAndSet(left, left - 1));
        pool.giveBack(connection);
        done.complete(null); // counted out of the run above, so not finish(); its permit goes back
        return true;
    }

    /** Goes on with a pooled connection or a new one, unless the run has nothing left for this lane. */
    private void withConnection() {
        if (run.stopped() || run.pending.isEmpty()) {
            finish();
            return;
        }
        RelayConnection pooled = pool.take();
        if (pooled != null) {
            pump(pooled);
            return;
        }
        sessions.connect(run.address, () -> run.answered = true).whenComplete((connection, failure) -> {
            if (failure != null) {
                log.warn("Cannot open an SMTP connection to {}: {}", sessions.describe(), run.connectFailed(failure));
                finish(); // other lanes take the rest; whatever is left is not sent
                return;
            }
            pool.opened(connection);
            if (run.stopped()) {
                pool.giveBack(connection);
                finish();
            } else {
                pump(connection);
            }
        });
    }

    private void pump(RelayConnection connection) {
        run.connected = true;
        while (true) {
            run.busy.remove(connection);
            if (!pool.usable(connection)) {
                pool.retire(connection);
                withConnection();
                return;
            }
            // This node's share shrank (another node started on the relay): a lane over it
            // leaves the rest of its batch to the batch's other lanes, if it has any, and the
            // pool then closes its connection, the node keeping more open than its share.
            if (permits.overLimit() && leftToOthers(connection)) {
                return;
            }
            if (run.stopped()) {
                pool.giveBack(connection);
                finish();
                return;
            }
            long closedBefore = transactions.closedSoFar();
            int i = run.take(transactions);
            if (i == PendingEnvelopes.NONE_LEFT) {
                pool.giveBack(connection);
                finish();
                return;
            }
            if (i == PendingEnvelopes.HELD_BACK) {
                // Every destination left is at its limit. Another lane of this run will go on
                // when one frees up; the last lane keeps its connection and waits to be woken
                // when a transaction (of this batch or another) ends.
                run.destinationBound = true;
                if (leftToOthers(connection)) {
                    return;
                }
                asleepOn.set(connection);
                run.waiting.add(wakeUp);
                if (transactions.wakeOnNextClose(closedBefore, wakeUp)) {
                    if (run.stopped()) {
                        wake(); // cancelled meanwhile: cancel() may have missed this lane
                    }
                    return;
                }
                if (!asleepOn.compareAndSet(connection, null)) {
                    return; // cancel() woke this lane meanwhile and carries on with the connection
                }
                run.waiting.remove(wakeUp);
                continue; // one ended meanwhile: try again at once
            }
            run.busy.add(connection);
            if (run.cancelled) {
                // The batch ended between taking this envelope and now: it must not go out.
                fail(i, new IOException("the batch ran out of time"), connection);
                continue;
            }
            if (connection.pipelining) {
                exchange(connection, NOTHING_OPEN, i);
                return;
            }
            CompletableFuture<SmtpClientResponse> reply;
            try {
                reply = connection.send(run.batch.get(i));
            } catch (RuntimeException failure) {
                fail(i, failure, connection);
                continue;
            }
            if (reply.isDone()) {
                settle(i, reply, connection);
                continue;
            }
            // A server that closes the connection while a reply is pending may leave the
            // reply future open; the connection's close future settles the message instead.
            CompletableFuture.anyOf(reply, connection.session.getCloseFuture()).whenComplete((r, failure) -> {
                try {
                    settle(i, reply, connection);
                    pump(connection);
                } catch (RuntimeException | Error unexpected) {
                    // A callback's exception would vanish into the future; end the lane visibly.
                    log.warn("SMTP lane stopped", unexpected);
                    fail(i, unexpected, connection); // its transaction must end all the same
                    connection.broken = true;
                    finish();
                }
            });
            return;
        }
    }

    /**
     * One pipelined write and its replies (RFC 2920), when the server offers PIPELINING: the
     * data of the message {@code open} (whose DATA the server answered with 354), if any,
     * followed by MAIL, RCPT and DATA of the message {@code next} (after an RSET where one is
     * needed), if any. Sending the next envelope behind the end of the data makes one round
     * trip per message instead of two; the server answers in order, the end of data first.
     */
    private void exchange(RelayConnection connection, int open, int next) {
        // RSET only where a transaction may be left over: on a connection that carried one
        // before, unless this write ends a message's data. The end of data ends its
        // transaction whatever the reply (RFC 5321 4.1.1.4), so after a message that went out
        // the next MAIL needs none; after a refused MAIL or RCPT (no data follows) the RSET
        // clears what the refusal left, so one refusal does not cost the connection.
        boolean reset = next >= 0 && open < 0 && connection.sent > 0;
        PipelinedReplies.Write sent = PipelinedReplies.Write.of(open >= 0, next >= 0, reset);
        CompletableFuture<SmtpClientResponse> reply;
        try {
            reply = connection.write(open >= 0 ? run.batch.get(open) : null, next >= 0 ? run.batch.get(next) : null, reset);
        } catch (RuntimeException failure) {
            // Refused before anything was written (a message over the server's SIZE, say).
            fail(open, failure, connection);
            fail(next, failure, connection);
            pump(connection);
            return;
        }
        CompletableFuture.anyOf(reply, connection.session.getCloseFuture()).whenComplete((r, failure) -> {
            int nowOpen = NOTHING_OPEN;
            try {
                nowOpen = answered(connection, open, next, sent, reply);
                carryOn(connection, nowOpen);
            } catch (RuntimeException | Error unexpected) {
                log.warn("SMTP lane stopped", unexpected);
                connection.broken = true;
                fail(open, unexpected, connection); // a no-op for those recorded
                fail(next, unexpected, connection);
                fail(nowOpen, unexpected, connection);
                finish();
            }
        });
    }

    /**
     * Records what the replies to one {@link #exchange} say (see {@link PipelinedReplies}): the
     * end of data of {@code open} first, then the replies to {@code next}'s commands. Returns
     * {@code next} if its DATA was answered with 354 (its data goes out in the next exchange),
     * else NOTHING_OPEN.
     */
    private int answered(RelayConnection connection, int open, int next, PipelinedReplies.Write sent,
                         CompletableFuture<SmtpClientResponse> reply) {
        List<SmtpResponse> replies;
        Throwable failure = null;
        if (reply.isDone() && !reply.isCompletedExceptionally()) {
            replies = reply.join().getResponses();
        } else {
            // The connection failed or timed out partway: trust what the server said before.
            replies = connection.replies.sinceClear();
            failure = reply.isDone() ? SmtpReplies.failureOf(reply) : new IOException("connection closed before the server replied");
            connection.broken = true;
        }
        PipelinedReplies.Reading said = PipelinedReplies.read(sent, replies, connection.broken);
        connection.broken |= !said.keepsConnection();
        if (open >= 0) {
            if (said.ended() == null) {
                fail(open, failure, connection);
            } else {
                run.record(open, said.ended(), transactions);
            }
        }
        if (next < 0) {
            return NOTHING_OPEN;
        }
        if (said.dataFollows()) {
            return next;
        }
        if (said.envelope() == null) {
            fail(next, failure != null ? failure : new IOException("fewer replies than commands"), connection);
        } else {
            run.record(next, said.envelope(), transactions);
        }
        return NOTHING_OPEN;
    }

    /**
     * After an exchange: with a message open, send its data, and behind it the next envelope
     * if one may start now (the run goes on, the connection may carry another, and its
     * destination is below its limit; the lane never waits while a message is open). With
     * none open, back to {@link #pump}.
     */
    private void carryOn(RelayConnection connection, int open) {
        if (open < 0) {
            pump(connection);
            return;
        }
        int next = NOTHING_OPEN;
        // A pipelined connection goes from message to message here, not through pump(): the
        // message cap and the age limit are checked here too.
        if (pool.mayCarryAnother(connection) && !run.stopped()) {
            int i = run.take(transactions);
            next = i >= 0 ? i : NOTHING_OPEN;
        }
        if (run.cancelled) {
            // The batch is over: the open message's data must not go out any more.
            connection.broken = true;
            connection.session.close();
            fail(open, new IOException("the batch ran out of time"), connection);
            fail(next, new IOException("the batch ran out of time"), connection);
            pump(connection);
            return;
        }
        exchange(connection, open, next);
    }

    /** Records the outcome of a message sent with NioSmtpClient's own send (a relay without PIPELINING). */
    private void settle(int i, CompletableFuture<SmtpClientResponse> reply, RelayConnection connection) {
        if (!reply.isDone()) {
            fail(i, new IOException("connection closed before the server replied"), connection);
            return;
        }
        try {
            PipelinedReplies.Reading said = PipelinedReplies.oneAtATime(reply.join().getResponses());
            connection.broken |= !said.keepsConnection();
            run.record(i, said.ended(), transactions);
        } catch (CompletionException | CancellationException failure) {
            fail(i, failure, connection);
        }
    }

    /**
     * A connection fault as the outcome of envelope {@code i} (none if negative, as NOTHING_OPEN):
     * the connection is given up, and the message retried later.
     */
    private void fail(int i, Throwable failure, RelayConnection connection) {
        connection.broken = true;
        if (i >= 0) {
            run.record(i, SmtpReply.connectionFault(SmtpReplies.rootMessage(failure)), transactions);
        }
    }
}
