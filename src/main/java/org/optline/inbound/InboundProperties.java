package org.optline.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Inbound mail settings: the SMTP listener on the bounce and reply domains, the group commit that
 * stores each message before its 250, and the processing of stored messages.
 *
 * @param enabled              whether this node runs the SMTP listener ({@code OPTLINE_INBOUND_ENABLED});
 *                             processing runs on every node regardless
 * @param host                 the address the listener binds ({@code OPTLINE_INBOUND_HOST})
 * @param port                 its port ({@code OPTLINE_INBOUND_PORT}); 0 takes a free one
 * @param hostName             the name the listener greets with; empty: this machine's name
 * @param maxMessageSize       larger messages are refused (552 5.3.4), and so are larger raw API bodies
 * @param maxConnections       SMTP connections open at once
 * @param maxRecipients        accepted recipients per message; more are answered 452
 * @param timeout              how long a connection may stay silent before it is closed
 * @param connectionsPerMinute connections one remote address may open per minute (0: no limit)
 * @param tlsCertificate       a PEM certificate chain; with {@code tlsKey}, STARTTLS is offered
 * @param tlsKey               the PEM (PKCS #8) private key of {@code tlsCertificate}
 * @param store                the group commit of received messages
 * @param processing           the workers that classify and act on stored messages
 * @param retention            how long a processed (or unprocessable) message's raw bytes are kept
 *                             ({@code OPTLINE_INBOUND_RETENTION}); they hold people's addresses and
 *                             words; a subscriber's erasure empties at once only those that became
 *                             their replies, complaints or bounces
 */
@ConfigurationProperties("optline.inbound")
public record InboundProperties(@DefaultValue("true") boolean enabled,
                                @DefaultValue("127.0.0.1") String host,
                                @DefaultValue("2525") int port,
                                @DefaultValue("") String hostName,
                                @DefaultValue("10MB") DataSize maxMessageSize,
                                @DefaultValue("200") int maxConnections,
                                @DefaultValue("100") int maxRecipients,
                                @DefaultValue("2m") Duration timeout,
                                @DefaultValue("600") int connectionsPerMinute,
                                @DefaultValue("") String tlsCertificate,
                                @DefaultValue("") String tlsKey,
                                @DefaultValue Store store,
                                @DefaultValue Processing processing,
                                @DefaultValue("30d") Duration retention) {

    /** Whether STARTTLS is configured. */
    public boolean tls() {
        return !tlsCertificate.isBlank() && !tlsKey.isBlank();
    }

    /**
     * @param queue        messages waiting for their write, all writers together; more: 451 4.3.0
     * @param batch        most messages in one insert
     * @param linger       how long a writer waits for more messages before it writes what it has; 0:
     *                     it writes what is queued at once (senders wait for their reply, so the next group
     *                     gathers while one commits; bench/inbound.sh measured 0 with 4 writers at 1.4x
     *                     the rate of 3 ms with 2)
     * @param writers      writer threads (each with one transaction at a time)
     * @param answerWithin how long a sender waits for the write before it is answered 451 4.3.0
     */
    public record Store(@DefaultValue("2000") int queue, @DefaultValue("200") int batch,
                        @DefaultValue("0ms") Duration linger, @DefaultValue("4") int writers,
                        @DefaultValue("30s") Duration answerWithin) {}

    /**
     * @param workers     processing threads per node (0: this node processes nothing)
     * @param batch       most messages one worker claims at a time
     * @param poll        how often an idle worker looks for messages other nodes stored
     * @param lease       how long a claimed message stays with its worker; a node that dies leaves it
     *                    to others after this
     * @param firstRetry  the wait after a message's first failed attempt, doubling after each
     * @param maxBackoff  the longest wait between attempts
     * @param maxAttempts attempts before a message is set aside as unprocessable
     * @param busyRate    messages a second stored by this node's listener from which it counts as
     *                    busy (0: never); while it is, the node's workers leave messages younger than
     *                    {@code deferWhileBusy} for later, so that taking mail in a burst gets the CPU
     * @param deferWhileBusy the longest a message waits for processing because the listener is busy
     */
    public record Processing(@DefaultValue("2") int workers, @DefaultValue("20") int batch,
                             @DefaultValue("1s") Duration poll, @DefaultValue("5m") Duration lease,
                             @DefaultValue("30s") Duration firstRetry, @DefaultValue("1h") Duration maxBackoff,
                             @DefaultValue("8") int maxAttempts, @DefaultValue("300") int busyRate,
                             @DefaultValue("30s") Duration deferWhileBusy) {}
}
