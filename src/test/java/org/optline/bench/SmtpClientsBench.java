package org.optline.bench;

import ch.qos.logback.classic.Level;
import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpClientResponse;
import com.hubspot.smtp.client.SmtpSession;
import com.hubspot.smtp.client.SmtpSessionConfig;
import com.hubspot.smtp.client.SmtpSessionFactory;
import com.hubspot.smtp.client.SmtpSessionFactoryConfig;
import com.hubspot.smtp.messages.MessageContent;
import com.hubspot.smtp.messages.MessageContentEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.smtp.SmtpRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.delivery.transport.SmtpReply;
import org.slf4j.LoggerFactory;

/**
 * SMTP client throughput: Angus Mail ({@code SMTPTransport}), HubSpot NioSmtpClient (Netty) and the
 * Vert.x mail client sending the same ~5 KB multipart/alternative message to a sink (Postfix's
 * {@code smtp-sink}) over N persistent connections, one message in flight per connection. Run with
 * {@code bash bench/smtp-clients.sh}, which also measures {@code smtp-source} as the reference.
 *
 * <pre>
 *   java -cp ... org.optline.bench.SmtpClientsBench host port count connections angus|nio|vertx|optline|all [warmup]
 *   java -cp ... org.optline.bench.SmtpClientsBench --template-size
 * </pre>
 *
 * The message is built once as bytes, as Optline builds it before handing it to a client; per message
 * only the To header, the RCPT (user&lt;i&gt;@example.com) and the envelope sender
 * (b-&lt;i&gt;@bounces.example.com) change, so the numbers are about the clients, not about MIME building.
 * Every send's reply is checked; the result line carries the failure count and the exit status is 1
 * when anything failed, so a fast but broken client cannot pass unnoticed.
 */
public final class SmtpClientsBench {

    private static final int DEFAULT_WARMUP = 2_000;
    private static final String HELO_NAME = "bench.example.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SmtpClientsBench() {
    }

    public static void main(String[] args) throws Exception {
        // Without a logback.xml on the test classpath logback logs at DEBUG, and Netty/Vert.x debug
        // lines on the hot path would be measured as client cost.
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        Template template = Template.build();
        if (args.length == 1 && args[0].equals("--template-size")) {
            System.out.println(template.size());
            return;
        }
        if (args.length < 5 || args.length > 6) {
            System.err.println("usage: SmtpClientsBench host port count connections angus|nio|vertx|optline|all [warmup]"
                    + "\n       SmtpClientsBench --template-size");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        String which = args[4];
        int warmup = args.length == 6 ? Integer.parseInt(args[5]) : DEFAULT_WARMUP;
        List<String> clients = which.equals("all") ? List.of("angus", "nio", "vertx", "optline") : List.of(which);

        System.out.printf("# template bytes=%d connections=%d messages=%d warmup=%d%n",
                template.size(), connections, count, warmup);
        boolean anyFailed = false;
        for (String name : clients) {
            anyFailed |= !runOne(name, host, port, count, connections, warmup, template);
        }
        System.exit(anyFailed ? 1 : 0);
    }

    /** Returns false when any send (warm-up included) failed. */
    private static boolean runOne(String name, String host, int port, int count, int connections, int warmup,
            Template template) throws Exception {
        try (Client client = switch (name) {
            case "angus" -> new AngusClient(host, port, connections, template);
            case "nio" -> new NioClient(host, port, connections, template);
            case "vertx" -> new VertxClient(host, port, connections, template);
            case "optline" -> new OptlineClient(host, port, connections, template);
            default -> throw new IllegalArgumentException("unknown client " + name + " (angus, nio, vertx, optline or all)");
        }) {
            // Connections are opened before the clock starts (Vert.x opens its pool lazily, during the
            // warm-up), so the timed part is steady-state sending only.
            Failures warmFailures = new Failures();
            client.send(0, warmup, warmFailures);

            Failures failures = new Failures();
            long start = System.nanoTime();
            client.send(warmup, count, failures);
            double seconds = (System.nanoTime() - start) / 1e9;

            System.out.printf(Locale.ROOT, "client=%s connections=%d messages=%d seconds=%.3f msg_per_s=%.0f failures=%d%n",
                    name, connections, count, seconds, count / seconds, failures.count());
            warmFailures.report(name, "warm-up");
            failures.report(name, "timed run");
            return warmFailures.count() == 0 && failures.count() == 0;
        }
    }

    /** One SMTP client under test; {@link #send} returns when every message of the range has a reply. */
    private interface Client extends AutoCloseable {
        void send(int first, int count, Failures failures) throws Exception;
    }

    // ---------------------------------------------------------------------------------------------
    // Optline's own relay transport (NioSmtpClient underneath, with the next envelope pipelined
    // behind each message's data), fed batches from as many threads as there are connections, as
    // the delivery worker's lanes do. Measures the transport without the queue, rendering or DKIM.

    private static final class OptlineClient implements Client {
        private static final int BATCH = 250;
        private final SmtpRelayTransport transport;
        private final ExecutorService threads;
        private final int connections;
        private final Template template;

        OptlineClient(String host, int port, int connections, Template template) {
            this.connections = connections;
            this.template = template;
            this.transport = new SmtpRelayTransport(new DeliveryProperties.Smtp(
                    host, port, TlsMode.NONE, null, null, HELO_NAME, connections, 1_000_000, 0, TIMEOUT, null, null));
            this.threads = Executors.newFixedThreadPool(connections);
        }

        @Override
        public void send(int first, int count, Failures failures) throws Exception {
            AtomicInteger next = new AtomicInteger(first);
            int end = first + count;
            UUID ids = UUID.randomUUID();
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int k = 0; k < connections; k++) {
                running.add(threads.submit(() -> {
                    for (int from = next.getAndAdd(BATCH); from < end; from = next.getAndAdd(BATCH)) {
                        List<Envelope> batch = new ArrayList<>(BATCH);
                        for (int i = from; i < Math.min(end, from + BATCH); i++) {
                            ByteBuf content = template.nioContent(i);
                            byte[] data = new byte[content.readableBytes()];
                            content.readBytes(data);
                            batch.add(new Envelope(ids, ids, new UUID(0, i),
                                    Template.sender(i), Template.recipient(i), template.subject(), data));
                        }
                        List<Outcome> outcomes = transport.send(batch);
                        for (var o : outcomes) {
                            if (o.reply().verdict() != SmtpReply.Verdict.DELIVERED) {
                                failures.record((int) o.subscriberId().getLeastSignificantBits(), o.reply().toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        }

        @Override
        public void close() throws Exception {
            transport.close();
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Angus Mail: blocking, one SMTPTransport per thread. Angus has no PIPELINING support, so each
    // message costs the MAIL, RCPT, DATA and end-of-data round trips.

    private static final class AngusClient implements Client {
        private final ExecutorService threads;
        private final List<Lane> lanes = new ArrayList<>();
        private final Template template;

        AngusClient(String host, int port, int connections, Template template) throws Exception {
            this.template = template;
            Properties props = new Properties();
            props.put("mail.smtp.host", host);
            props.put("mail.smtp.port", Integer.toString(port));
            // Otherwise Angus resolves the canonical local host name for EHLO, a DNS lookup per connect.
            props.put("mail.smtp.localhost", HELO_NAME);
            props.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
            props.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
            props.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
            Session session = Session.getInstance(props);
            threads = Executors.newFixedThreadPool(connections);
            for (int k = 0; k < connections; k++) {
                lanes.add(new Lane(session, template));
            }
        }

        @Override
        public void send(int first, int count, Failures failures) throws Exception {
            AtomicInteger next = new AtomicInteger(first);
            int end = first + count;
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (Lane lane : lanes) {
                running.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                        lane.send(i, template, failures);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        }

        @Override
        public void close() throws Exception {
            for (Lane lane : lanes) {
                lane.transport.close();
            }
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }

        /** A connection and the message it sends, confined to one thread at a time. */
        private static final class Lane {
            final Session session;
            final SMTPTransport transport;
            // Parsed once: a MimeMessage read from a stream keeps its body as the original bytes and,
            // since only headers are changed and saveChanges() is never called, writeTo() streams the
            // headers plus those bytes without re-encoding the parts.
            final SMTPMessage message;

            Lane(Session session, Template template) throws Exception {
                this.session = session;
                this.transport = (SMTPTransport) session.getTransport("smtp");
                this.transport.connect();
                this.message = new SMTPMessage(session, new ByteArrayInputStream(template.bytes()));
            }

            void send(int i, Template template, Failures failures) {
                try {
                    message.setHeader("To", template.toHeaderValue(i));
                    message.setEnvelopeFrom(Template.sender(i));
                    transport.sendMessage(message, new Address[] {new InternetAddress(Template.recipient(i))});
                } catch (Exception e) {
                    failures.record(i, e.toString());
                    reconnectIfClosed();
                }
            }

            private void reconnectIfClosed() {
                try {
                    if (!transport.isConnected()) {
                        transport.connect();
                    }
                } catch (Exception e) {
                    // the next send records the failure
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HubSpot NioSmtpClient on Netty: session.send(from, rcpt, content) writes MAIL, RCPT and DATA as
    // one pipelined group (plus a leading RSET from the second message on a session), then the body
    // after the 354, so two round trips per message when the server offers PIPELINING.

    private static final class NioClient implements Client {
        private final EventLoopGroup group;
        private final SmtpSessionFactory factory;
        private final List<SmtpSession> sessions = new ArrayList<>();
        private final Template template;

        NioClient(String host, int port, int connections, Template template) {
            this.template = template;
            // As the SMTP transport does: Netty's epoll where it loads (-Dio.netty.transport.noNative=true: NIO).
            boolean epoll = Epoll.isAvailable();
            group = new MultiThreadIoEventLoopGroup(Math.min(connections, Runtime.getRuntime().availableProcessors()),
                    epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            // DIRECT_EXECUTOR completes futures on the event loop; the default hops every reply to a
            // thread pool, which would measure a context switch per message, not the client.
            factory = new SmtpSessionFactory(SmtpSessionFactoryConfig.builder()
                    .eventLoopGroup(group)
                    .channelClass(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .executor(SmtpSessionFactoryConfig.DIRECT_EXECUTOR)
                    .build());
            InetSocketAddress address = new InetSocketAddress(host, port);
            for (int k = 0; k < connections; k++) {
                SmtpSessionConfig config = SmtpSessionConfig.builder()
                        .remoteAddress(address)
                        .connectionId("bench-" + k)
                        .readTimeout(TIMEOUT)
                        .build();
                SmtpClientResponse ehlo = factory.connect(config)
                        .thenCompose(greeting -> greeting.getSession().send(SmtpRequests.ehlo(HELO_NAME)))
                        .join();
                if (ehlo.containsError()) {
                    throw new IllegalStateException("EHLO refused: " + ehlo);
                }
                sessions.add(ehlo.getSession());
            }
            SmtpSession s = sessions.get(0);
            System.out.printf("# nio: server offers PIPELINING=%s CHUNKING=%s 8BITMIME=%s%n",
                    s.getEhloResponse().isSupported(Extension.PIPELINING),
                    s.getEhloResponse().isSupported(Extension.CHUNKING),
                    s.getEhloResponse().isSupported(Extension.EIGHT_BIT_MIME));
        }

        @Override
        public void send(int first, int count, Failures failures) {
            AtomicInteger next = new AtomicInteger(first);
            int end = first + count;
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (SmtpSession session : sessions) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                lanes.add(done);
                pump(session, next, end, failures, done);
            }
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
        }

        /**
         * Keeps one message in flight on the session: the reply to one send starts the next. Replies
         * that are already there when send() returns (failures, typically) are handled in the loop
         * rather than by recursion so a dead session cannot overflow the stack.
         */
        private void pump(SmtpSession session, AtomicInteger next, int end, Failures failures,
                CompletableFuture<Void> done) {
            while (true) {
                int i = next.getAndIncrement();
                if (i >= end) {
                    done.complete(null);
                    return;
                }
                CompletableFuture<SmtpClientResponse> reply;
                try {
                    // SEVEN_BIT: the template is ASCII, so the client need not scan it for 8-bit bytes
                    // or ask for BODY=8BITMIME.
                    reply = session.send(Template.sender(i), Template.recipient(i),
                            MessageContent.of(template.nioContent(i), MessageContentEncoding.SEVEN_BIT));
                } catch (RuntimeException e) {
                    failures.record(i, e.toString());
                    continue;
                }
                if (reply.isDone()) {
                    check(i, reply, failures);
                    continue;
                }
                reply.whenComplete((r, e) -> {
                    check(i, reply, failures);
                    pump(session, next, end, failures, done);
                });
                return;
            }
        }

        private static void check(int i, CompletableFuture<SmtpClientResponse> reply, Failures failures) {
            try {
                SmtpClientResponse r = reply.join();
                if (r.containsError()) {
                    failures.record(i, r.toString());
                }
            } catch (RuntimeException e) {
                failures.record(i, String.valueOf(e.getCause() != null ? e.getCause() : e));
            }
        }

        @Override
        public void close() throws Exception {
            for (SmtpSession session : sessions) {
                try {
                    session.send(SmtpRequests.quit()).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // closing anyway
                }
            }
            factory.close();
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Vert.x mail client. It has no API for a pre-built message: sendMail() takes a MailMessage and
    // always runs its own MIME encoder (MailEncoder), so per-message MIME building is part of its cost
    // here; it gets the same text and HTML as the template. With pipelining on it sends MAIL, RCPT and
    // DATA as one group (after an RSET on a reused connection), but then writes the body one line per
    // socket write, each waiting for the previous write to complete, which dominates its cost.

    private static final class VertxClient implements Client {
        private final Vertx vertx;
        private final MailClient client;
        private final int connections;
        private final Template template;

        VertxClient(String host, int port, int connections, Template template) {
            this.connections = connections;
            this.template = template;
            vertx = Vertx.vertx();
            MailConfig config = new MailConfig()
                    .setHostname(host)
                    .setPort(port)
                    .setStarttls(StartTLSOptions.DISABLED)
                    .setLogin(LoginOption.DISABLED)
                    .setOwnHostname(HELO_NAME)
                    .setMaxPoolSize(connections)
                    .setKeepAlive(true)
                    .setPipelining(true);
            client = MailClient.create(vertx, config);
            String encoded = new MailEncoder(template.vertxMessage(0), HELO_NAME, config).encode();
            System.out.printf("# vertx: pipelining=%s, its own MIME for the same content is %d bytes%n",
                    config.isPipelining(), encoded.length());
        }

        @Override
        public void send(int first, int count, Failures failures) {
            AtomicInteger next = new AtomicInteger(first);
            int end = first + count;
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            // One message in flight per pooled connection, as for the other clients; more would only
            // queue inside the pool.
            for (int k = 0; k < connections; k++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                lanes.add(done);
                pump(next, end, failures, done);
            }
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
        }

        private void pump(AtomicInteger next, int end, Failures failures, CompletableFuture<Void> done) {
            while (true) {
                int i = next.getAndIncrement();
                if (i >= end) {
                    done.complete(null);
                    return;
                }
                Future<MailResult> reply = client.sendMail(template.vertxMessage(i));
                if (reply.isComplete()) {
                    check(i, reply, failures);
                    continue;
                }
                reply.onComplete((r, e) -> {
                    check(i, reply, failures);
                    pump(next, end, failures, done);
                });
                return;
            }
        }

        private static void check(int i, Future<MailResult> reply, Failures failures) {
            if (reply.failed()) {
                failures.record(i, String.valueOf(reply.cause()));
            }
        }

        @Override
        public void close() {
            client.close().toCompletionStage().toCompletableFuture().join();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Counts failed sends and keeps the first few reasons for the report. */
    private static final class Failures {
        private static final int KEPT = 5;
        private final AtomicInteger count = new AtomicInteger();
        private final Queue<String> first = new ConcurrentLinkedQueue<>();

        void record(int i, String reason) {
            if (count.incrementAndGet() <= KEPT) {
                first.add("message " + i + ": " + reason);
            }
        }

        int count() {
            return count.get();
        }

        void report(String client, String phase) {
            if (count() > 0) {
                System.out.printf("client=%s FAILED: %d failed sends in the %s; first:%n", client, count(), phase);
                first.forEach(f -> System.out.println("  " + f));
            }
        }
    }

    /**
     * The message as Optline would hand it over: headers and a multipart/alternative body (text and
     * HTML, 7bit ASCII with short lines), split around the To header's value so a per-recipient copy is
     * three byte arrays, not a re-encoding.
     */
    record Template(byte[] head, byte[] tail, String subject, String text, String html) {

        private static final String FROM = "\"Optline Bench\" <news@example.com>";
        private static final String BOUNDARY = "=_optline_bench_7f3a9c";
        private static final int TARGET_BYTES = 5 * 1024;

        static String sender(int i) {
            return "b-" + i + "@bounces.example.com";
        }

        static String recipient(int i) {
            return "user" + i + "@example.com";
        }

        String toHeaderValue(int i) {
            return "<" + recipient(i) + ">";
        }

        static Template build() {
            String subject = "Your weekly digest from the Optline bench shop";
            List<String> paragraphs = new ArrayList<>();
            Template t;
            int n = 0;
            // Grow the body a paragraph at a time until the whole message reaches ~5 KB.
            do {
                paragraphs.add(PARAGRAPHS[n % PARAGRAPHS.length]);
                n++;
                t = assemble(subject, paragraphs);
            } while (t.size() < TARGET_BYTES);
            return t;
        }

        private static Template assemble(String subject, List<String> paragraphs) {
            StringBuilder text = new StringBuilder("Hello,\n\n");
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    + "<title>Weekly digest</title></head>\n<body style=\"font-family: Arial, sans-serif;"
                    + " color: #222222\">\n<h1>Your weekly digest</h1>\n");
            int item = 0;
            for (String p : paragraphs) {
                text.append(wrap(p)).append("\nRead more: https://shop.example.com/item/").append(item)
                        .append("?utm_source=newsletter\n\n");
                html.append("<p>\n").append(wrap(p)).append("\n<a href=\"https://shop.example.com/item/").append(item)
                        .append("?utm_source=newsletter\"\n style=\"color: #0055aa\">Read more</a></p>\n");
                item++;
            }
            text.append("--\nOptline Bench Shop, 1 Example Street, Example City\n"
                    + "Unsubscribe: https://shop.example.com/u/0123456789abcdef\n");
            html.append("<p style=\"font-size: 12px; color: #777777\">Optline Bench Shop, 1 Example Street,"
                    + " Example City<br>\n<a href=\"https://shop.example.com/u/0123456789abcdef\">Unsubscribe</a>"
                    + "</p>\n</body></html>\n");

            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            String head = "From: " + FROM + "\r\nTo: ";
            String tail = "\r\nSubject: " + subject
                    + "\r\nDate: " + date
                    + "\r\nMessage-ID: <bench-template.7f3a9c@example.com>"
                    + "\r\nMIME-Version: 1.0"
                    + "\r\nContent-Type: multipart/alternative; boundary=\"" + BOUNDARY + "\""
                    + "\r\n\r\n--" + BOUNDARY
                    + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                    + crlf(text.toString())
                    + "\r\n--" + BOUNDARY
                    + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                    + crlf(html.toString())
                    + "\r\n--" + BOUNDARY + "--\r\n";
            return new Template(head.getBytes(StandardCharsets.US_ASCII), tail.getBytes(StandardCharsets.US_ASCII),
                    subject, text.toString(), html.toString());
        }

        /** Whole message for recipient 0; Angus parses it once per connection. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head);
            out.writeBytes(toHeaderValue(0).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(tail);
            return out.toByteArray();
        }

        int size() {
            return bytes().length;
        }

        /**
         * Wraps the shared arrays without copying. A fresh buffer per message because Netty releases
         * what it writes; unpooled heap wrappers make that release free.
         */
        ByteBuf nioContent(int i) {
            return Unpooled.wrappedBuffer(head, toHeaderValue(i).getBytes(StandardCharsets.US_ASCII), tail);
        }

        MailMessage vertxMessage(int i) {
            return new MailMessage()
                    .setFrom(FROM)
                    .setTo(recipient(i))
                    .setBounceAddress(sender(i))
                    .setSubject(subject)
                    .setText(text)
                    .setHtml(html);
        }

        private static String crlf(String s) {
            return s.replace("\n", "\r\n");
        }

        /** Breaks prose into lines of at most 72 characters, well inside SMTP's and 7bit's limits. */
        private static String wrap(String s) {
            StringBuilder out = new StringBuilder();
            int lineStart = 0;
            for (String word : s.split(" ")) {
                if (out.length() - lineStart + word.length() + 1 > 72 && out.length() > lineStart) {
                    out.append('\n');
                    lineStart = out.length();
                } else if (out.length() > lineStart) {
                    out.append(' ');
                }
                out.append(word);
            }
            return out.toString();
        }

        private static final String[] PARAGRAPHS = {
            "This week we added forty new products to the spring collection, from lightweight rain jackets"
                    + " to the canvas backpacks many of you asked for. Everything ships within two working days"
                    + " and returns stay free for thirty days.",
            "Our customer of the month, a small bakery in the old town, told us how they use our insulated"
                    + " boxes to deliver bread to three villages before seven in the morning. Their story is on"
                    + " the blog, with photos from the first delivery round.",
            "Members save ten percent on every order until the end of the month. The discount is applied at"
                    + " checkout automatically; there is no code to remember and it combines with free shipping"
                    + " on orders above fifty euros.",
            "We are hiring two people for the warehouse team and one for customer support. If you know someone"
                    + " who likes solving problems and talking to people, the job descriptions are on the careers"
                    + " page and applications close on Friday.",
            "The repair service now covers zips, straps and buckles on every bag we sell, even the ones bought"
                    + " years ago. Send it in with the prepaid label from your account page and we will return it"
                    + " within a week, usually sooner.",
        };
    }
}
