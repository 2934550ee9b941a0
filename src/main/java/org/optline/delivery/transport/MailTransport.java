package org.optline.delivery.transport;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The way out for finished messages. The delivery worker hands over a batch and gets one outcome
 * per envelope; per-recipient failures are outcomes, never exceptions. A relay sends everything to
 * one smarthost; a direct-to-MX transport (a later step) would group the batch by
 * the recipient's domain and keep a pool per destination behind the same interface.
 */
public interface MailTransport {

    List<Outcome> send(List<Envelope> batch);

    /**
     * As {@link #send(List)}, but no further message starts once {@code halted} answers true (the
     * campaign was paused or cancelled meanwhile); envelopes not sent get a
     * {@link SmtpReply#NOT_SENT} outcome. Transports that hand a batch over at once ignore it.
     */
    default List<Outcome> send(List<Envelope> batch, BooleanSupplier halted) {
        return send(batch);
    }

    /**
     * Whether {@link #send} writes into the caller's database transaction (the capture outbox),
     * so that the message and its "sent" mark commit together. Network transports answer false
     * and are called outside any transaction.
     */
    boolean transactional();

    /**
     * Whether messages leave the platform (an SMTP relay). Those are sent only From a verified
     * sending domain; the capture outbox keeps its messages and answers false.
     */
    default boolean leavesThePlatform() {
        return true;
    }

    /**
     * The longest {@link #send} can take for a batch of this size before it gives up on the
     * stragglers. A claim's lease must be longer, or another node could take a batch that is still
     * going out.
     */
    default Duration longestSend(int batchSize) {
        return Duration.ZERO;
    }

    /** A short label for logs and the settings page, e.g. {@code capture} or {@code smtp://relay:587}. */
    String describe();
}
