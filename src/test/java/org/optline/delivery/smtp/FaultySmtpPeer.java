package org.optline.delivery.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * An SMTP server on 127.0.0.1 (subethasmtp) that misbehaves on purpose, chosen by the
 * recipient's local part:
 * <ul>
 * <li>{@code temp…}: 451 4.7.1 greylisted on the first attempt, accepted after;</li>
 * <li>{@code hard…}: 550 5.1.1 user unknown at RCPT;</li>
 * <li>{@code full…}: 552 5.2.2 mailbox full at DATA (a 5xx after the data);</li>
 * <li>{@code drop…}: the connection dropped in the middle of DATA on the first attempt;</li>
 * <li>{@code slow…}: the reply to DATA comes after {@code slowMillis};</li>
 * <li>{@code blocked…}: 550 5.7.1 refused for the sender's reputation at RCPT;</li>
 * <li>anything else: accepted.</li>
 * </ul>
 * It counts accepted messages per recipient, which is what the exactly-once tests check.
 */
public final class FaultySmtpPeer implements AutoCloseable {

    private final SMTPServer server;
    private final int port;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private volatile long slowMillis = 1500;
    private volatile long everyMessageMillis;
    private final AtomicInteger inData = new AtomicInteger();
    private final AtomicInteger mostInData = new AtomicInteger();
    private final Map<String, AtomicInteger> acceptedByHelo = new ConcurrentHashMap<>();
    private volatile Set<String> watchedDomains = Set.of();
    private final AtomicInteger inDataWatched = new AtomicInteger();
    private final AtomicInteger mostInDataWatched = new AtomicInteger();

    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger mostSessions = new AtomicInteger();
    private final AtomicInteger everOpened = new AtomicInteger();

    public FaultySmtpPeer() {
        this.port = LoopbackPorts.free();
        this.server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).softwareName("faulty-peer")
                .sessionHandler(new SessionHandler() {
                    @Override
                    public SessionAcceptance accept(Session session) {
                        mostSessions.accumulateAndGet(sessions.incrementAndGet(), Math::max);
                        everOpened.incrementAndGet();
                        return SessionAcceptance.success();
                    }

                    @Override
                    public void onSessionEnd(Session session) {
                        sessions.decrementAndGet();
                    }
                })
                .messageHandlerFactory(context -> new Handler(context)).build();
        server.start();
    }

    /** Makes this peer the platform's SMTP relay of a test context (plain SMTP on loopback). */
    public void asPlatformRelay(DynamicPropertyRegistry registry) {
        registry.add("optline.delivery.transport", () -> "smtp");
        registry.add("optline.delivery.smtp.host", () -> "127.0.0.1");
        registry.add("optline.delivery.smtp.port", this::port);
    }

    public int port() {
        return port;
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    /** Every accepted message's final reply waits this long (a busy server; keeps a campaign in flight). */
    public void everyMessageMillis(long millis) {
        this.everyMessageMillis = millis;
    }

    /** Connections open now. */
    public int openConnections() {
        return sessions.get();
    }

    /** Connections opened since the peer started. */
    public int connectionsOpened() {
        return everOpened.get();
    }

    /** The most connections that were open at once. */
    public int mostConnectionsAtOnce() {
        return mostSessions.get();
    }

    /** The most messages that were in their DATA phase at once: a floor for concurrent connections. */
    public int mostAtOnce() {
        return mostInData.get();
    }

    /** Counts messages to these recipient domains (together) in their DATA phase, for {@link #mostAtOnceToWatched}. */
    public void watch(Set<String> domains) {
        this.watchedDomains = Set.copyOf(domains);
    }

    /** The most messages to the watched domains that were in their DATA phase at once. */
    public int mostAtOnceToWatched() {
        return mostInDataWatched.get();
    }

    /** Accepted messages per name the client gave in EHLO: which node sent how many. */
    public Map<String, Integer> acceptedByHelo() {
        Map<String, Integer> copy = new TreeMap<>();
        acceptedByHelo.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** How many times the server accepted a message for this recipient. */
    public int acceptedFor(String recipient) {
        AtomicInteger n = accepted.get(recipient.toLowerCase());
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> acceptedCounts() {
        Map<String, Integer> copy = new TreeMap<>();
        accepted.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public int totalAccepted() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public List<byte[]> messages() {
        return messages;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Handler implements MessageHandler {
        private final MessageContext context;
        private String recipient;

        Handler(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {}

        @Override
        public void recipient(String rcpt) throws RejectException {
            recipient = rcpt.toLowerCase();
            String local = recipient.substring(0, recipient.indexOf('@'));
            int attempt = attempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
            if (local.startsWith("hard")) {
                throw new RejectException(550, "5.1.1 <" + rcpt + ">: user unknown");
            }
            if (local.startsWith("blocked")) {
                throw new RejectException(550, "5.7.1 Message refused: poor sender reputation, see the postmaster page");
            }
            if (local.startsWith("temp") && attempt == 1) {
                throw new RejectException(451, "4.7.1 Greylisted, please try again later");
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            mostInData.accumulateAndGet(inData.incrementAndGet(), Math::max);
            boolean watched = watchedDomains.contains(recipient.substring(recipient.indexOf('@') + 1));
            if (watched) {
                mostInDataWatched.accumulateAndGet(inDataWatched.incrementAndGet(), Math::max);
            }
            try {
                return receive(data);
            } finally {
                inData.decrementAndGet();
                if (watched) {
                    inDataWatched.decrementAndGet();
                }
            }
        }

        private String receive(InputStream data) throws RejectException, IOException {
            String local = recipient.substring(0, recipient.indexOf('@'));
            if (local.startsWith("drop") && attempts.get(recipient).get() == 1) {
                data.readNBytes(100); // part of the message, then the line goes dead
                throw new DropConnectionException(421, "4.4.2 connection dropped mid-DATA");
            }
            byte[] bytes = data.readAllBytes();
            if (local.startsWith("full")) {
                throw new RejectException(552, "5.2.2 mailbox full");
            }
            if (local.startsWith("slow")) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (everyMessageMillis > 0) {
                try {
                    Thread.sleep(everyMessageMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            messages.add(bytes);
            accepted.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
            acceptedByHelo.computeIfAbsent(context.getHelo().orElse("?"), h -> new AtomicInteger()).incrementAndGet();
            return null;
        }

        @Override
        public void done() {}
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
