package org.optline.delivery.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
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
 * Every envelope gets an outcome: the server's reply, or a 4xx-style connection fault if the
 * connection broke, timed out or could not be made (which the worker retries later).
 *
 * <p>This class schedules lanes: how many a batch starts, and which batch a freed connection
 * serves. Its parts: {@link RelayEndpoints} picks the relay's address for a batch,
 * {@link RelaySessions} opens connections, {@link RelayConnectionPool} keeps them,
 * {@link ConnectionPermits} and {@link OpenTransactions} bound them, a {@link RelayLane} drives one
 * connection through a {@link RelayBatch}, and {@link PipelinedReplies} reads the server's replies.
 */
public final class SmtpRelayTransport implements MailTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpRelayTransport.class);

    /**
     * How long one connection is used at most, and how long it may wait in the pool (STANDARDS 32;
     * Postfix's own limits are 300 s and 2 s). A connection past its age finishes the message it
     * carries and is replaced; an idle one is closed before the relay times it out, which a relay
     * answers with a 421 nobody reads.
     */
    public static final Duration REUSE_LIMIT = Duration.ofMinutes(5);
    public static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

    private final DeliveryProperties.Smtp settings;
    private final RelayEndpoints endpoints;
    private final RelaySessions sessions;
    private final ConnectionPermits permits;
    private final RelayConnectionPool pool;
    private final OpenTransactions transactions;
    private final ProviderGroups destinations;
    /** Batches under way that started with fewer connections than they could use. */
    private final Queue<RelayBatch> hungry = new ConcurrentLinkedQueue<>();

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
        this.settings = settings;
        this.destinations = destinations;
        this.transactions = transactions;
        this.endpoints = new RelayEndpoints(settings, policy, resolver);
        this.sessions = new RelaySessions(settings);
        this.permits = new ConnectionPermits(settings.maxConnections());
        this.pool = new RelayConnectionPool(permits, settings.maxMessagesPerConnection());
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public String describe() {
        return sessions.describe();
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
        RelayEndpoints.Endpoint endpoint = endpoints.next();
        if (endpoint.refusal() != null) {
            return notSent(batch, endpoint.refusal());
        }
        RelayBatch run = new RelayBatch(batch, halted, destinations, endpoint.address());
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
            endpoints.unreachable(endpoint);
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

    /** Connections this transport has open now, in use or pooled. */
    public int openConnections() {
        return pool.open();
    }

    /** Other limits than {@link #REUSE_LIMIT} and {@link #IDLE_LIMIT} (tests). */
    public void limitReuse(Duration age, Duration idleFor) {
        pool.limitReuse(age, idleFor);
    }

    /**
     * Closes pooled connections while this node keeps more open than its share, as after another
     * node started sending through the relay, and those idle or open too long; the worker calls
     * it after each round and every two seconds, and lanes before they take a connection.
     */
    public void trimToShare() {
        pool.trimToShare();
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
        new RelayLane(run, pool, permits, sessions, transactions).start().whenComplete((v, e) -> {
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

    @Override
    public void close() {
        pool.close();
        sessions.close();
    }
}
