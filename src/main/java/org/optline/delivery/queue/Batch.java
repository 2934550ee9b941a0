package org.optline.delivery.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.Subscriber;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.Outcome;

/**
 * One claimed batch as it passes the stages: each field is written by the stage named beside it
 * and read by those after it. The lists are the batch's own, filled once: no stage copies them per
 * message. Lives on one lane's thread.
 */
final class Batch {

    final CampaignRun run;
    final SendQueueStore.Claim claim;
    final Instant claimedAt;

    /** ScreenRecipients: who may be mailed now, by address hash, with each one's recipient domain. */
    Map<String, Subscriber> byHash;
    Map<UUID, String> domains;
    /** Not mailed in this batch and never to be by it: gone, suppressed, inactive, opted out since. */
    List<UUID> skipped;

    /** ThrottleRecipients: to send now, or back to the queue for {@code wait} (no attempt counted). */
    List<Subscriber> go;
    List<UUID> later;
    Duration wait = Duration.ZERO;

    /** RewriteLinks: what points each message's links at tracking, or null when the campaign is not tracked. */
    RewriteLinks.Rewriter links;

    /** BuildMessages: finished messages, and recipients whose message could not be built, as failures. */
    List<Envelope> envelopes;
    List<Outcome> buildFailures;

    /** RenewLease: when the claim's lease runs out. */
    Instant leaseEnds;

    /** SendMessages (or SettleBatch, for a transactional transport): one outcome per recipient offered or failed. */
    List<Outcome> outcomes;
    /** SettleBatch: messages the server accepted. */
    int sent;
    /**
     * Why the campaign must pause, or null: SendMessages sets it when the relay has been unreachable
     * too long, otherwise SettleBatch from the servers' replies.
     */
    String pauseReason;

    /** For the debug timing line: when loading, building and sending began, and sending ended (nanoTime). */
    long loadStarted;
    long buildStarted;
    long sendStarted;
    long sendEnded;

    private boolean over;

    Batch(CampaignRun run, SendQueueStore.Claim claim, Instant claimedAt) {
        this.run = run;
        this.claim = claim;
        this.claimedAt = claimedAt;
    }

    /** Stops the batch here: the stages after this one do not run. */
    void end() {
        over = true;
    }

    boolean over() {
        return over;
    }
}
