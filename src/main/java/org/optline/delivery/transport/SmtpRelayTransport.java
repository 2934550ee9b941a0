package org.optline.delivery.transport;

import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpClientResponse;
import com.hubspot.smtp.messages.MessageContent;
import com.hubspot.smtp.messages.MessageContentEncoding;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.smtp.SmtpRequest;
import io.netty.handler.codec.smtp.SmtpRequests;
import io.netty.handler.codec.smtp.SmtpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLException;
import org.optline.delivery.DeliveryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through one SMTP relay (smarthost) over a pool of persistent connections, with HubSpot's
 * NioSmtpClient on Netty. When the server offers PIPELINING (RFC 2920), one message's data goes
 * out in the same write as the next message's MAIL, RCPT and DATA, so each message costs one
 * round trip (four without pipelining, two with NioSmtpClient's own send). The pre-built signed
 * bytes are written as they are, and connections are kept across batches and replaced after
 * {@code maxMessagesPerConnection} messages.
 *
 * <p>A batch is spread over up to {@code maxConnections} lanes, or this node's share of them when
 * several nodes send through the relay ({@link #shareLimitsWith}); each lane keeps one exchange in
 * flight on its connection, and the replies to one start the next. Lanes take the batch's
 * recipients round-robin by destination (mailbox provider, see {@link ProviderGroups}), and never
 * hold more transactions open to one destination than its concurrency limit allows, counted over
 * every batch using this relay; a lane with nothing it may start waits for a transaction to end.
 * Every envelope gets an
 * outcome: the server's reply, or a 4xx-style connection fault if the connection broke, timed out
 * or could not be made (which the worker retries later).
 */
public final class SmtpRelayTransport implements MailTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpRelayTransport.class);

    private final DeliveryProperties.Smtp settings;
    private final RelaySessions sessions;
    private final BlockingQueue<RelayConnection> idle = new LinkedBlockingQueue<>();
    /** Batches under way that started with fewer connections than they could use. */
    private final Queue<RelayBatch> hungry = new ConcurrentLinkedQueue<>();
    private final ConnectionPermits permits;
    /**
     * Connections open now, in use or pooled: what the relay counts against its limit. One is
     * counted out when this node retires it (at once, not when the server has answered the QUIT)
     * or when it closes, whichever comes first.
     */
    private final AtomicInteger open = new AtomicInteger();
    private final ProviderGroups destinations;
    private final OpenTransactions transactions;
    private final AddressPolicy policy;
    private final Resolver resolver;
    private volatile Resolved resolved;
    /**
     * How long one connection is used at most, and how long it may wait in the pool (STANDARDS 32;
     * Postfix's own limits are 300 s and 2 s). A connection past its age finishes the message it
     * carries and is replaced; an idle one is closed before the relay times it out, which a relay
     * answers with a 421 nobody reads.
     */
    public static final Duration REUSE_LIMIT = Duration.ofMinutes(5);
    public static final Duration IDLE_LIMIT = Duration.ofSeconds(10);
    private volatile long reuseLimitNanos = REUSE_LIMIT.toNanos();
    private volatile long idleLimitNanos = IDLE_LIMIT.toNanos();

    /** Which addresses this transport may connect to: why not, or empty. */
    @FunctionalInterface
    public interface AddressPolicy {
        AddressPolicy ANY = address -> Optional.empty();

        Optional<String> refusal(InetSocketAddress address);
    }

    /** How the relay's name is looked up: the system's resolver, blocking, on the sending thread. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** The relay's addresses as last looked up, kept for a minute. */
    private record Resolved(List<InetSocketAddress> addresses, long atNanos) {}

    /** Which of the relay's addresses batches use; moves on when one could not be connected to. */
    private final AtomicInteger addressTurn = new AtomicInteger();

    private static final long RESOLVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A relay with no concurrency limits per destination (only {@code maxConnections}). */
    public SmtpRelayTransport(DeliveryProperties.Smtp settings) {
        this(settings, new ProviderGroups(new DeliveryProperties.Throttle(0, 0, null, 0)));
    }

    public SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations) {
        this(settings, destinations, AddressPolicy.ANY);
    }

    /** {@code policy}: checked on the very address connected to, so a name cannot resolve elsewhere between check and use. */
    public SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations, AddressPolicy policy) {
        this(settings, destinations, new OpenTransactions(destinations), policy);
    }

    SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations, OpenTransactions transactions) {
        this(settings, destinations, transactions, AddressPolicy.ANY);
    }

    SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations, AddressPolicy policy, Resolver resolver) {
        this(settings, destinations, new OpenTransactions(destinations), policy, resolver);
    }

    private SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations, OpenTransactions transactions,
                               AddressPolicy policy) {
        this(settings, destinations, transactions, policy, InetAddress::getAllByName);
    }

    private SmtpRelayTransport(DeliveryProperties.Smtp settings, ProviderGroups destinations, OpenTransactions transactions,
                               AddressPolicy policy, Resolver resolver) {
        this.resolver = resolver;
        this.settings = settings;
        this.destinations = destinations;
        this.transactions = transactions;
        this.policy = policy;
        this.sessions = new RelaySessions(settings);
        this.permits = new ConnectionPermits(settings.maxConnections());
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public String describe() {
        return "smtp://" + settings.host() + ":" + settings.port() + " (tls " + sessions.mode() + ", up to "
                + settings.maxConnections() + " connections for all nodes together)";
    }

    /**
     * How long a batch may take before {@link #send} stops it: connecting (greeting, EHLO, TLS,
     * AUTH) and a slow last reply, plus a second per message per lane. The limit is enforced: when
     * it passes, no further message of the batch starts and connections still waiting are closed.
     */
    @Override
    public Duration longestSend(int batchSize) {
        // This node's part of the connections: with other nodes on the relay a batch has fewer lanes.
        int lanes = Math.max(1, Math.min(permits.limit(), batchSize));
        return settings.timeout().multipliedBy(4).plusSeconds(Math.max(1, batchSize / lanes));
    }

    @Override
    public List<Outcome> send(List<Envelope> batch) {
        return send(batch, () -> false);
    }

    @Override
    public List<Outcome> send(List<Envelope> batch, BooleanSupplier halted) {
        if (batch.isEmpty()) {
            return List.of();
        }
        // Looked up here, on the caller's thread: connections are opened on Netty's threads, where a
        // blocking name lookup would stall every other connection on that thread.
        List<InetSocketAddress> addresses;
        int turn = addressTurn.get();
        try {
            addresses = relayAddresses();
        } catch (UnknownHostException e) {
            return notSent(batch, SmtpReply.unreachable("the name " + settings.host() + " does not resolve"));
        }
        // Every address the name has now, not only this batch's: the relay was saved under the
        // same rule for all of them, and the next batch may take another.
        for (InetSocketAddress a : addresses) {
            Optional<String> refused = policy.refusal(a);
            if (refused.isPresent()) {
                return notSent(batch, SmtpReply.relayRefused("the relay " + settings.host() + " " + refused.get()));
            }
        }
        InetSocketAddress address = addresses.get(Math.floorMod(turn, addresses.size()));
        RelayBatch run = new RelayBatch(batch, halted, destinations, address);
        Duration budget = longestSend(batch.size());
        // maxConnections holds for the whole transport, however many worker lanes call send at
        // once: each of this batch's lanes holds a permit while it works. The first is waited for
        // (within the budget); more are taken if free now, and later as other batches free them.
        try {
            if (!permits.take(budget.toMillis())) {
                return notSent(batch, SmtpReply.ALL_CONNECTIONS_BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notSent(batch, SmtpReply.connectionFault("interrupted"));
        }
        int lanes = 1;
        while (lanes < Math.min(permits.limit(), batch.size()) && permits.tryTake()) {
            lanes++;
        }
        // Counted in before any starts, so that a lane ending at once cannot end the run early.
        run.lanesLeft.addAndGet(lanes);
        for (int i = 0; i < lanes; i++) {
            startLane(run);
        }
        // A batch that found the connections busy starts with fewer lanes than it could use; it
        // takes further connections as other batches free them, so none stands idle while any
        // batch still has messages to go.
        if (lanes < Math.min(permits.limit(), batch.size())) {
            hungry.add(run);
        }
        try {
            run.lanesDone.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("SMTP batch did not finish within {}; unanswered messages are retried later", budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("SMTP lane failed", e.getCause());
        }
        hungry.remove(run);
        // Whatever happened, this batch is over: no lane may start another message of it, and
        // connections still waiting for a reply are closed, so nothing of it goes out after the
        // worker has settled it.
        run.cancel(transactions);
        if (!run.connected && run.connectFailure != null) {
            // No connection of this batch worked (none answered, or the greeting, TLS or AUTH
            // failed): the next batch tries the relay's next address.
            addressTurn.compareAndSet(turn, turn + 1);
        }
        List<Outcome> result = new ArrayList<>(batch.size());
        synchronized (run.outcomes) {
            for (int i = 0; i < run.outcomes.length; i++) {
                Outcome o = run.outcomes[i];
                result.add(o != null ? o : new Outcome(batch.get(i).subscriberId(), withoutReply(run, i)));
            }
        }
        return result;
    }

    /**
     * What an envelope without a reply comes to. One that went on the wire may have reached the
     * server: a connection fault, retried later like any. One never offered: back to the queue as
     * it was if the campaign stopped or its destination was at its limit; else the relay's
     * refusal, or a fault (no connection, or the batch's time ran out first).
     */
    private static SmtpReply withoutReply(RelayBatch run, int i) {
        if (run.taken[i]) {
            return SmtpReply.connectionFault("no reply in time");
        }
        if (run.halted || run.pending.wasHeldBack(run.destinationOf[i])) {
            return SmtpReply.NOT_SENT;
        }
        if (run.refusal != null) {
            return run.refusal;
        }
        if (run.connected) {
            return SmtpReply.connectionFault("the batch's time ran out before it was offered");
        }
        // A server that answered (a 421 greeting, a temporary AUTH refusal) is busy, not unreachable.
        return run.answered ? SmtpReply.connectionFault(run.connectFailure) : SmtpReply.unreachable(run.connectFailure);
    }

    /** The relay's addresses (a name may have several), sorted; batches take them in turn, and a failed one is passed over by the next. */
    private List<InetSocketAddress> relayAddresses() throws UnknownHostException {
        Resolved r = resolved;
        long now = System.nanoTime();
        if (r == null || now - r.atNanos() > RESOLVE_EVERY_NANOS) {
            String host = settings.host().startsWith("[") ? settings.host().substring(1, settings.host().length() - 1) : settings.host();
            // Sorted, so that a lookup returning them in another order does not move the turn.
            r = new Resolved(Arrays.stream(resolver.addresses(host))
                    .sorted(Comparator.comparing(InetAddress::getHostAddress))
                    .map(a -> new InetSocketAddress(a, settings.port())).toList(), now);
            resolved = r;
        }
        return r.addresses();
    }

    /**
     * Keeps a connection whose lane is done with it (and still holds its permit) for the next
     * lane, unless this node already keeps its share of the relay's connections open: after
     * another node started sending through the same relay, the connections over the new share
     * are closed as they come back, so that the nodes together stay within the relay's limit.
     */
    private void pool(RelayConnection connection) {
        if (open.get() > permits.limit()) {
            retire(connection);
        } else {
            connection.pooledAtNanos = System.nanoTime();
            connection.everPooled = true;
            idle.add(connection);
        }
    }

    /** Connections this transport has open now, in use or pooled. */
    public int openConnections() {
        return open.get();
    }

    /** Other limits than {@link #REUSE_LIMIT} and {@link #IDLE_LIMIT} (tests). */
    public void limitReuse(Duration age, Duration idleFor) {
        this.reuseLimitNanos = age.toNanos();
        this.idleLimitNanos = idleFor.toNanos();
    }

    private boolean usable(RelayConnection connection) {
        return connection.usable(settings.maxMessagesPerConnection(), reuseLimitNanos);
    }

    /** A pooled connection not to hand out again: unusable, or idle past the idle limit. */
    private boolean stale(RelayConnection pooled) {
        return !usable(pooled) || pooled.idleLongerThan(idleLimitNanos);
    }

    /**
     * Closes pooled connections while this node keeps more open than its share, as after another
     * node started sending through the relay, and those idle or open too long; the worker calls
     * it after each round and every two seconds, and lanes before they take a connection. Two callers at once may close
     * one more than needed, which costs a reconnect, never a connection over the share.
     */
    public void trimToShare() {
        RelayConnection pooled;
        while (open.get() > permits.limit() && (pooled = idle.poll()) != null) {
            retire(pooled);
        }
        for (RelayConnection c : idle) {
            if (stale(c) && idle.remove(c)) {
                retire(c);
            }
        }
    }

    /** A connection just made: counted until it is retired or closes. */
    private void opened(RelayConnection connection) {
        open.incrementAndGet();
        connection.session.getCloseFuture().whenComplete((v, e) -> countOut(connection));
    }

    private void countOut(RelayConnection connection) {
        if (connection.countedOut.compareAndSet(false, true)) {
            open.decrementAndGet();
        }
    }

    /** QUIT (or close, if broken), no longer counted from now on. */
    private void retire(RelayConnection connection) {
        countOut(connection);
        connection.quit();
    }

    /**
     * How many nodes send through this relay now (at least 1): its connection limit and the
     * concurrency limits per destination are divided among them. One node alone until set.
     */
    public void shareLimitsWith(IntSupplier nodes) {
        permits.shareWith(nodes);
        transactions.shareWith(nodes);
    }

    /** Starts a lane on a permit already taken; the permit goes back, to any batch, when it ends. */
    private void startLane(RelayBatch run) {
        new Lane(run).start().whenComplete((v, e) -> {
            permits.give();
            feedHungry();
        });
    }

    /** Gives free connections to batches under way that have messages no lane has taken yet, oldest first. */
    private void feedHungry() {
        for (RelayBatch run : hungry) {
            while (run.couldUseAnotherLane() && permits.tryTake()) {
                if (!run.joinLane()) {
                    permits.give(); // its last lane ended meanwhile
                    break;
                }
                startLane(run);
            }
        }
    }

    private static List<Outcome> notSent(List<Envelope> batch, SmtpReply why) {
        return batch.stream().map(e -> new Outcome(e.subscriberId(), why)).toList();
    }

    /**
     * Works through the batch on one connection at a time: one message in flight, or, where the
     * server offers PIPELINING, one message's data and the next one's envelope in the same write.
     */
    private final class Lane {
        private final RelayBatch run;
        private final List<Envelope> batch;
        private final Outcome[] outcomes;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicReference<RelayConnection> asleepOn = new AtomicReference<>();
        final Runnable wakeUp = this::wake;

        Lane(RelayBatch run) {
            this.run = run;
            this.batch = run.batch;
            this.outcomes = run.outcomes;
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
            pool(connection);
            done.complete(null); // counted out of the run above, so not finish(); its permit goes back
            return true;
        }

        private void withConnection() {
            if (run.stopped() || run.pending.isEmpty()) {
                finish();
                return;
            }
            trimToShare();
            RelayConnection pooled;
            while ((pooled = idle.poll()) != null && stale(pooled)) {
                retire(pooled);
            }
            if (pooled != null) {
                pump(pooled);
                return;
            }
            sessions.connect(run.address, () -> run.answered = true).whenComplete((connection, failure) -> {
                if (failure != null) {
                    String why = rootMessage(failure);
                    log.warn("Cannot open an SMTP connection to {}: {}", describe(), why);
                    run.connectFailure = why;
                    Throwable root = root(failure);
                    if (root instanceof RelaySessions.RelayRefused refused) {
                        run.refusal = SmtpReply.relayRefused(refused.getMessage());
                    } else if (root instanceof SSLException || root instanceof CertificateException) {
                        run.refusal = SmtpReply.relayRefused("TLS failed: " + why);
                    }
                    finish(); // other lanes take the rest; whatever is left is not sent
                    return;
                }
                opened(connection);
                if (run.stopped()) {
                    pool(connection);
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
                if (!usable(connection)) {
                    retire(connection);
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
                    pool(connection);
                    finish();
                    return;
                }
                long closedBefore = transactions.closedSoFar();
                int i = take();
                if (i == PendingEnvelopes.NONE_LEFT) {
                    pool(connection);
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
                    record(i, batch.get(i), null, new IOException("the batch ran out of time"), connection);
                    continue;
                }
                if (connection.pipelining) {
                    exchange(connection, NOTHING_OPEN, i);
                    return;
                }
                Envelope e = batch.get(i);
                CompletableFuture<SmtpClientResponse> reply;
                connection.replies.clear(); // not read on this path; kept from growing over the connection's life
                try {
                    reply = connection.session.send(e.mailFrom(), e.rcptTo(), content(e));
                } catch (RuntimeException failure) {
                    record(i, e, null, failure, connection);
                    continue;
                }
                connection.sent++;
                if (reply.isDone()) {
                    settle(i, e, reply, connection);
                    continue;
                }
                // A server that closes the connection while a reply is pending may leave the
                // reply future open; the connection's close future settles the message instead.
                CompletableFuture.anyOf(reply, connection.session.getCloseFuture()).whenComplete((r, failure) -> {
                    try {
                        settle(i, e, reply, connection);
                        pump(connection);
                    } catch (RuntimeException | Error unexpected) {
                        // A callback's exception would vanish into the future; end the lane visibly.
                        log.warn("SMTP lane stopped", unexpected);
                        record(i, e, null, unexpected, connection); // its transaction must end all the same
                        connection.broken = true;
                        finish();
                    }
                });
                return;
            }
        }

        /** The next envelope of the run to start (its transaction is then open), or NONE_LEFT / HELD_BACK. */
        private int take() {
            synchronized (outcomes) {
                int i = run.cancelled ? PendingEnvelopes.NONE_LEFT : run.pending.take(transactions);
                if (i >= 0) {
                    run.taken[i] = true;
                }
                return i;
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
            CompletableFuture<SmtpClientResponse> reply;
            connection.replies.clear();
            try {
                if (next < 0) {
                    reply = connection.session.send(content(batch.get(open)));
                } else {
                    List<SmtpRequest> commands = new ArrayList<>(4);
                    if (reset) {
                        commands.add(SmtpRequests.rset());
                    }
                    Envelope e = batch.get(next);
                    commands.add(mail(connection, e));
                    commands.add(SmtpRequests.rcpt(e.rcptTo()));
                    commands.add(SmtpRequests.data());
                    var group = commands.toArray(SmtpRequest[]::new);
                    reply = open >= 0 ? connection.session.sendPipelined(content(batch.get(open)), group)
                            : connection.session.sendPipelined(group);
                    connection.sent++;
                }
            } catch (RuntimeException failure) {
                // Refused before anything was written (a message over the server's SIZE, say).
                if (open >= 0) {
                    record(open, batch.get(open), null, failure, connection);
                }
                if (next >= 0) {
                    record(next, batch.get(next), null, failure, connection);
                }
                pump(connection);
                return;
            }
            CompletableFuture.anyOf(reply, connection.session.getCloseFuture()).whenComplete((r, failure) -> {
                int nowOpen = NOTHING_OPEN;
                try {
                    nowOpen = answered(connection, open, next, reset, reply);
                    carryOn(connection, nowOpen);
                } catch (RuntimeException | Error unexpected) {
                    log.warn("SMTP lane stopped", unexpected);
                    connection.broken = true;
                    for (int i : new int[] {open, next, nowOpen}) {
                        if (i >= 0) {
                            record(i, batch.get(i), null, unexpected, connection); // a no-op for those recorded
                        }
                    }
                    finish();
                }
            });
        }

        /**
         * Records what the replies to one {@link #exchange} say: the end of data of {@code open}
         * first, then the replies to {@code next}'s commands. Returns {@code next} if its DATA
         * was answered with 354 (its data goes out in the next exchange), else NOTHING_OPEN.
         */
        private int answered(RelayConnection connection, int open, int next, boolean reset,
                             CompletableFuture<SmtpClientResponse> reply) {
            List<SmtpResponse> replies;
            Throwable failure = null;
            if (reply.isDone() && !reply.isCompletedExceptionally()) {
                replies = reply.join().getResponses();
            } else {
                // The connection failed or timed out partway: trust what the server said before.
                replies = connection.replies.sinceClear();
                failure = reply.isDone() ? failureOf(reply) : new IOException("connection closed before the server replied");
                connection.broken = true;
            }
            int at = 0;
            if (open >= 0) {
                if (replies.isEmpty()) {
                    record(open, batch.get(open), null, failure, connection);
                } else {
                    SmtpResponse endOfData = replies.get(0);
                    SmtpReply verdict = endOfData.code() >= 400 ? SmtpReply.parse(endOfData.code(), SmtpReplies.text(endOfData))
                            : endOfData.code() / 100 == 2 ? SmtpReply.ACCEPTED
                            : SmtpReply.connectionFault("unexpected reply to the end of data: " + endOfData.code());
                    // A temporary refusal may be about the connection (too many messages on it,
                    // a busy server): a fresh one is the safer bet. A 5xx is about the message.
                    connection.broken |= endOfData.code() < 500 && verdict != SmtpReply.ACCEPTED;
                    record(open, batch.get(open), verdict, connection);
                }
                at = 1;
            }
            if (next < 0) {
                return NOTHING_OPEN;
            }
            int expected = reset ? 4 : 3;
            if (replies.size() < at + expected) {
                connection.broken = true;
                record(next, batch.get(next), null, failure != null ? failure
                        : new IOException("fewer replies than commands"), connection);
                return NOTHING_OPEN;
            }
            List<SmtpResponse> own = replies.subList(at, at + expected);
            SmtpResponse data = own.get(expected - 1);
            SmtpReply refusal = SmtpReplies.firstError(own);
            if (refusal == SmtpReply.ACCEPTED && data.code() == 354 && !connection.broken) {
                return next;
            }
            if (refusal == SmtpReply.ACCEPTED) {
                refusal = data.code() == 354 ? SmtpReply.connectionFault("the connection failed before the data was sent")
                        : SmtpReply.connectionFault("unexpected reply to DATA: " + data.code());
            }
            // Keep the connection after a permanent refusal of MAIL or RCPT (an unknown user, the
            // common case): the next exchange starts with RSET. Anything else gets a fresh one,
            // as does a server that said 354 after refusing (it now waits for data we won't send).
            connection.broken |= refusal.code() < 500 || data.code() == 354 || (reset && own.get(0).code() >= 400);
            record(next, batch.get(next), refusal, connection);
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
            if (connection.sent < settings.maxMessagesPerConnection() && !connection.pastAge(reuseLimitNanos) && !run.stopped()) {
                int i = take();
                next = i >= 0 ? i : NOTHING_OPEN;
            }
            if (run.cancelled) {
                // The batch is over: the open message's data must not go out any more.
                connection.broken = true;
                connection.session.close();
                record(open, batch.get(open), null, new IOException("the batch ran out of time"), connection);
                if (next >= 0) {
                    record(next, batch.get(next), null, new IOException("the batch ran out of time"), connection);
                }
                pump(connection);
                return;
            }
            exchange(connection, open, next);
        }

        private void settle(int i, Envelope e, CompletableFuture<SmtpClientResponse> reply, RelayConnection connection) {
            if (!reply.isDone()) {
                record(i, e, null, new IOException("connection closed before the server replied"), connection);
                return;
            }
            try {
                record(i, e, reply.join(), null, connection);
            } catch (CompletionException | CancellationException failure) {
                record(i, e, null, failure, connection);
            }
        }

        private void record(int i, Envelope e, SmtpClientResponse response, Throwable failure, RelayConnection connection) {
            SmtpReply reply;
            if (failure != null) {
                connection.broken = true;
                reply = SmtpReply.connectionFault(rootMessage(failure));
            } else {
                reply = SmtpReplies.firstError(response.getResponses());
                // After a refusal inside NioSmtpClient's own MAIL/RCPT/DATA group the client may
                // still owe the server's answers to the rest of it; a fresh connection is cheaper
                // than untangling it. (The pipelined exchange reads every reply and keeps the
                // connection after a 5xx to MAIL or RCPT.)
                connection.broken |= reply.verdict() != SmtpReply.Verdict.DELIVERED;
            }
            record(i, e, reply, connection);
        }

        /** The envelope's outcome, once; its transaction ends with it. */
        private void record(int i, Envelope e, SmtpReply reply, RelayConnection connection) {
            synchronized (outcomes) {
                if (outcomes[i] != null) {
                    return; // recorded already; its transaction ended then
                }
                outcomes[i] = new Outcome(e.subscriberId(), reply);
            }
            transactions.close(run.destinationOf[i]);
        }
    }

    /** No message of the connection is waiting for its data. */
    private static final int NOTHING_OPEN = -1;

    /** A message's pre-built bytes, written as they are (dot-stuffed and ended by NioSmtpClient). */
    private static MessageContent content(Envelope e) {
        return MessageContent.of(Unpooled.wrappedBuffer(e.data()), MessageContentEncoding.SEVEN_BIT);
    }

    /** MAIL FROM, with SMTPUTF8 where an address needs it and the server offers it (as NioSmtpClient's own send does). */
    private static SmtpRequest mail(RelayConnection connection, Envelope e) {
        boolean ascii = e.mailFrom().chars().allMatch(c -> c < 128) && e.rcptTo().chars().allMatch(c -> c < 128);
        return !ascii && connection.session.getEhloResponse().isSupported(Extension.SMTPUTF8)
                ? SmtpRequests.mail(e.mailFrom(), "SMTPUTF8") : SmtpRequests.mail(e.mailFrom());
    }

    /** What a future that completed exceptionally failed with (as its join throws it). */
    private static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IOException("no failure");
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = root(failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        RelayConnection c;
        while ((c = idle.poll()) != null) {
            c.quit();
        }
        sessions.close();
    }
}
