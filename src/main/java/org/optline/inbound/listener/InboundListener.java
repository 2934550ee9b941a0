package org.optline.inbound.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.optline.delivery.MailProperties;
import org.optline.inbound.InboundProperties;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.inbound.spool.InboundStore;
import org.optline.inbound.spool.SpoolWriter;
import org.optline.platform.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The inbound SMTP listener (subethasmtp) for the bounce and reply domains. It takes RCPT only for
 * addresses on {@code optline.mail.bounce-domain} and {@code optline.mail.reply-domain} (any case;
 * others 550 5.1.1), reads each message up to the size limit (larger: 552 5.3.4) and answers 250
 * only after the {@link SpoolWriter} has committed it (RFC 5321 §6.1: accepting a message takes
 * responsibility for it); a full queue or a failed write answers 451 4.3.0, so the sender keeps the
 * message and tries again. A message whose bytes are stored already is answered 250 and kept once.
 *
 * <p>It starts after the writer and stops before it (a higher lifecycle phase): stopping refuses
 * new transactions (451 4.3.2), waits for the messages in their DATA phase to be answered, then
 * closes the server. Connections per remote address and minute are limited (421 4.7.0).
 */
@Component
public class InboundListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);
    /** How long stopping waits for messages already in their DATA phase. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final InboundProperties settings;
    private final SpoolWriter writer;
    private final RateLimiter rateLimiter;
    private final List<String> domains;
    private final int maxBytes;
    private final AtomicInteger inData = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private SMTPServer server;

    InboundListener(InboundProperties settings, MailProperties mail, SpoolWriter writer, RateLimiter rateLimiter,
                    MeterRegistry meters) {
        this.settings = settings;
        this.writer = writer;
        this.rateLimiter = rateLimiter;
        this.domains = List.of(mail.bounceDomain().toLowerCase(Locale.ROOT), mail.replyDomain().toLowerCase(Locale.ROOT));
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, settings.maxMessageSize().toBytes());
        for (String outcome : List.of("accepted", "duplicate", "refused_recipient", "refused_size", "refused_busy",
                "refused_rate", "refused_stopping")) {
            counters.put(outcome, Counter.builder("optline.inbound.smtp").description("Inbound SMTP messages and refusals, by outcome")
                    .tag("outcome", outcome).register(meters));
        }
    }

    /** The port the listener is bound to (the configured one, or the one taken for port 0); -1 when not running. */
    public int port() {
        SMTPServer s = server;
        return s == null ? -1 : s.getPortAllocated();
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || server != null) {
            return;
        }
        draining = false;
        SMTPServer.Builder builder = SMTPServer.port(settings.port()).bindAddress(address(settings.host()))
                .softwareName("Optline").maxConnections(settings.maxConnections())
                .maxRecipients(settings.maxRecipients()).maxMessageSize(maxBytes)
                .connectionTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()), TimeUnit.MILLISECONDS)
                .sessionHandler(new RateLimited()).messageHandlerFactory(Receiver::new)
                .serverThreadName("inbound-smtp")
                // The bytes as the sender sent them: their SHA-256 is what keeps a message delivered twice stored once.
                .insertReceivedHeaders(false);
        if (!settings.hostName().isBlank()) {
            builder.hostName(settings.hostName());
        }
        if (settings.tls()) {
            builder.enableTLS().startTlsSocketFactory(PemTls.context(Path.of(settings.tlsCertificate()), Path.of(settings.tlsKey())));
        }
        server = builder.build();
        server.start();
        log.info("Inbound SMTP listener on {}:{} for {}{}", settings.host(), server.getPortAllocated(), domains,
                settings.tls() ? " (STARTTLS)" : "");
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        draining = true;
        long until = System.nanoTime() + DRAIN.toNanos();
        while (inData.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop();
        server = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Above the writer's phase (0): stops first, so the writer still stores what the listener last took. */
    @Override
    public int getPhase() {
        return 100;
    }

    private void count(String outcome) {
        counters.get(outcome).increment();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("optline.inbound.host: unknown host " + host, e);
        }
    }

    private static String remote(SocketAddress address) {
        return address instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress() : String.valueOf(address);
    }

    /** Whether mail for {@code address} is taken here: its domain is the bounce or the reply domain. */
    boolean accepts(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        return at > 0 && domains.contains(a.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** New connections per remote address and minute. */
    private final class RateLimited implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            if (settings.connectionsPerMinute() > 0 && !rateLimiter.tryAcquire("inbound-smtp:" + remote(session.getRemoteAddress()),
                    settings.connectionsPerMinute(), Duration.ofMinutes(1))) {
                count("refused_rate");
                return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address, try again later");
            }
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {}
    }

    /** One mail transaction. */
    private final class Receiver implements MessageHandler {
        private final MessageContext context;
        private String from = "";
        private final List<String> recipients = new ArrayList<>();

        Receiver(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String address) throws RejectException {
            if (draining) {
                count("refused_stopping");
                throw new RejectException(451, "4.3.2 Shutting down, try again later");
            }
            from = address == null ? "" : address;
        }

        @Override
        public void recipient(String address) throws RejectException {
            if (!accepts(address)) {
                count("refused_recipient");
                throw new RejectException(550, "5.1.1 <" + address + ">: no such mailbox here");
            }
            recipients.add(address);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            inData.incrementAndGet();
            try {
                return receive(data);
            } finally {
                inData.decrementAndGet();
            }
        }

        private String receive(InputStream data) throws RejectException, IOException {
            byte[] raw = read(data);
            if (raw == null) {
                count("refused_size");
                throw refuse(552, "5.3.4 Message too big, the limit is " + maxBytes + " bytes");
            }
            InboundStore.Incoming message = InboundStore.Incoming.of(raw, new InboundEnvelope(from, recipients),
                    remote(context.getRemoteAddress()), writer.now());
            CompletableFuture<UUID> stored = writer.submit(message);
            if (stored == null) {
                count("refused_busy");
                throw refuse(451, "4.3.0 Too busy to store the message now, try again later");
            }
            UUID id;
            try {
                id = stored.get(settings.store().answerWithin().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                count("refused_busy");
                throw refuse(451, "4.3.0 Could not store the message, try again later");
            } catch (ExecutionException | TimeoutException e) {
                count("refused_busy");
                throw refuse(451, "4.3.0 Could not store the message, try again later");
            }
            count(id.equals(message.id()) ? "accepted" : "duplicate");
            return "2.0.0 Ok: stored as " + id;
        }

        /**
         * A refusal of the message data. The reply to the end of data ends the mail transaction
         * whatever it says (RFC 5321 §4.1.1.4), but subethasmtp resets it only after a 250: without
         * this, the sender's next MAIL on the connection would be answered 503.
         */
        private RejectException refuse(int code, String text) {
            if (context instanceof Session session) {
                session.resetMailTransaction();
            }
            return new RejectException(code, text);
        }

        /**
         * The message, or null when it is larger than the limit (the rest is read and dropped, so the
         * session goes on). Read in blocks from the session's input (see {@link MessageData}); then
         * subethasmtp's own data stream reads the terminating line and must be at its end.
         */
        private byte[] read(InputStream data) throws IOException {
            if (!(context instanceof Session session) || !session.getRawInput().markSupported()) {
                return readBounded(data);
            }
            byte[] raw = MessageData.read(session.getRawInput(), maxBytes);
            if (data.read() != -1) {
                throw new IOException("The message data did not end where it was read to");
            }
            return raw;
        }

        /** The message read through subethasmtp's data stream, or null when it is larger than the limit. */
        private byte[] readBounded(InputStream data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = data.read(buffer)) >= 0) {
                total += n;
                if (total <= maxBytes) {
                    out.write(buffer, 0, n);
                }
            }
            return total > maxBytes ? null : out.toByteArray();
        }

        @Override
        public void done() {}
    }
}
