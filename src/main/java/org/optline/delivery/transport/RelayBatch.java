package org.optline.delivery.transport;

import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;

/** One call of {@link SmtpRelayTransport#send}: its envelopes, their outcomes, and the connections at work on it. */
final class RelayBatch {
    final List<Envelope> batch;
    final Outcome[] outcomes;
    /** Offered to the server (guarded, like outcomes, by the outcomes array). */
    final boolean[] taken;
    final String[] destinationOf;
    final PendingEnvelopes pending;
    /** Lanes of this run not finished yet; once it is back to 0 the run takes no further lane. */
    final AtomicInteger lanesLeft = new AtomicInteger();
    /** Completed when the last lane of this run has finished. */
    final CompletableFuture<Void> lanesDone = new CompletableFuture<>();
    /** A lane found every destination left at its limit: more connections would not help this run. */
    volatile boolean destinationBound;
    final Set<RelayConnection> busy = ConcurrentHashMap.newKeySet();
    /** How to wake the lanes waiting for a destination's transaction to end. */
    final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    final BooleanSupplier haltedBy;
    volatile boolean cancelled;
    volatile boolean halted;
    volatile SmtpReply refusal;
    /** Whether any lane of this run got a connection, or at least a server's greeting; if not, why. */
    volatile boolean connected;
    volatile boolean answered;
    volatile String connectFailure;

    final InetSocketAddress address;

    RelayBatch(List<Envelope> batch, BooleanSupplier haltedBy, ProviderGroups destinations, InetSocketAddress address) {
        this.batch = batch;
        this.address = address;
        this.outcomes = new Outcome[batch.size()];
        this.taken = new boolean[batch.size()];
        this.haltedBy = haltedBy;
        this.destinationOf = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            destinationOf[i] = destinations.destinationOfRecipient(batch.get(i).rcptTo());
        }
        this.pending = new PendingEnvelopes(destinationOf);
    }

    /** Counts in a lane about to start on a run that is still going; false once its last lane ended. */
    boolean joinLane() {
        int left;
        do {
            left = lanesLeft.get();
            if (left == 0) {
                return false;
            }
        } while (!lanesLeft.compareAndSet(left, left + 1));
        return true;
    }

    /** A lane of this run ended. */
    void laneEnded() {
        if (lanesLeft.decrementAndGet() == 0) {
            lanesDone.complete(null);
        }
    }

    /** Whether a connection just freed would do this run good: messages left that no lane has taken. */
    boolean couldUseAnotherLane() {
        return !destinationBound && !stopped() && !pending.isEmpty();
    }

    /** Whether no further message may start: the batch is over, or its campaign stopped. */
    boolean stopped() {
        if (!cancelled && !halted && haltedBy.getAsBoolean()) {
            halted = true;
        }
        return cancelled || halted;
    }

    /** The next envelope to start (its transaction is then open), or NONE_LEFT / HELD_BACK. */
    int take(OpenTransactions transactions) {
        synchronized (outcomes) {
            int i = cancelled ? PendingEnvelopes.NONE_LEFT : pending.take(transactions);
            if (i >= 0) {
                taken[i] = true;
            }
            return i;
        }
    }

    /** The envelope's outcome, once; its transaction ends with it. */
    void record(int i, SmtpReply reply, OpenTransactions transactions) {
        synchronized (outcomes) {
            if (outcomes[i] != null) {
                return; // recorded already; its transaction ended then
            }
            outcomes[i] = new Outcome(batch.get(i).subscriberId(), reply);
        }
        transactions.close(destinationOf[i]);
    }

    /**
     * A lane could not open a connection: why, kept for the envelopes no lane sends, and whether
     * the relay refused us (a permanent refusal while connecting, or TLS failed). Returns why.
     */
    String connectFailed(Throwable failure) {
        String why = SmtpReplies.rootMessage(failure);
        connectFailure = why;
        Throwable root = SmtpReplies.root(failure);
        if (root instanceof RelaySessions.RelayRefused refused) {
            refusal = SmtpReply.relayRefused(refused.getMessage());
        } else if (root instanceof SSLException || root instanceof CertificateException) {
            refusal = SmtpReply.relayRefused("TLS failed: " + why);
        }
        return why;
    }

    void cancel(OpenTransactions transactions) {
        synchronized (outcomes) {
            cancelled = true; // under the lock lanes take envelopes with: none is taken after this
        }
        for (RelayConnection c : busy) {
            c.broken = true;
            c.session.close();
        }
        for (Runnable wakeUp : waiting) {
            transactions.forget(wakeUp);
            wakeUp.run(); // the lane sees the run is over and hands its connection back
        }
    }
}
