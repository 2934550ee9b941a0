package org.optline.delivery.transport;

import com.hubspot.smtp.client.Extension;
import com.hubspot.smtp.client.SmtpClientResponse;
import com.hubspot.smtp.client.SmtpSession;
import com.hubspot.smtp.client.SmtpSessionConfig;
import com.hubspot.smtp.client.SmtpSessionFactory;
import com.hubspot.smtp.client.SmtpSessionFactoryConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.smtp.SmtpRequests;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.slf4j.LoggerFactory;

/**
 * Opens SMTP sessions to one relay with NioSmtpClient on Netty: the event loops, TLS (STARTTLS or
 * implicit, the relay's name checked against its certificate), EHLO and AUTH.
 */
final class RelaySessions implements AutoCloseable {

    private final DeliveryProperties.Smtp settings;
    private final EventLoopGroup group;
    private final SmtpSessionFactory factory;
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final SSLContext tls;

    RelaySessions(DeliveryProperties.Smtp settings) {
        this.settings = settings;
        int threads = Math.max(1, Math.min(settings.maxConnections(), Runtime.getRuntime().availableProcessors()));
        // Netty's epoll transport where it loads (Linux): edge-triggered, with fewer system calls per
        // read and write than the JDK's selector. NIO everywhere else.
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        this.tls = mode() == TlsMode.NONE ? null : tlsContext(settings);
        // Replies are handled on the network thread: handing each to a pool would cost a context
        // switch per message for nothing, since handling a reply is only starting the next send.
        this.factory = new SmtpSessionFactory(SmtpSessionFactoryConfig.builder().eventLoopGroup(group)
                .channelClass(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .executor(SmtpSessionFactoryConfig.DIRECT_EXECUTOR).sslEngineSupplier(this::clientEngine).build());
    }

    /** Opens a session: greeting, EHLO, STARTTLS and EHLO again if asked for, AUTH if configured. */
    CompletableFuture<RelayConnection> connect(InetSocketAddress address, Runnable answered) {
        SmtpSessionConfig.Builder config = SmtpSessionConfig.builder()
                .remoteAddress(address) // resolved already: TLS still checks the certificate against settings.host()
                .connectionId("optline-smtp-" + connectionIds.incrementAndGet())
                .connectionTimeout(settings.timeout())
                .initialResponseTimeout(settings.timeout())
                .initialResponseReadTimeout(settings.timeout())
                .readTimeout(settings.timeout());
        ReplyLog replies = new ReplyLog();
        if (mode() == TlsMode.IMPLICIT) {
            config.addFirstCustomHandlers(new SslHandler(clientEngine()), replies.installer());
        } else {
            config.addFirstCustomHandlers(replies.installer());
        }
        return factory.connect(config.build())
                .thenCompose(greeting -> {
                    answered.run();
                    return expectOk(greeting, "greeting").getSession().send(SmtpRequests.ehlo(settings.heloName()));
                })
                .thenCompose(ehlo -> {
                    SmtpSession session = expectOk(ehlo, "EHLO").getSession();
                    if (mode() != TlsMode.STARTTLS) {
                        return CompletableFuture.completedFuture(session);
                    }
                    if (!session.getEhloResponse().isSupported(Extension.STARTTLS)) {
                        throw new RelayRefused("the relay does not offer STARTTLS");
                    }
                    // NioSmtpClient says EHLO again itself once TLS is up.
                    return session.startTls().thenApply(r -> expectOk(r, "STARTTLS").getSession());
                })
                .thenCompose(session -> {
                    if (settings.username() == null || settings.username().isBlank()) {
                        return CompletableFuture.completedFuture(session);
                    }
                    var auth = session.getEhloResponse().isAuthPlainSupported()
                            ? session.authPlain(settings.username(), settings.password())
                            : session.authLogin(settings.username(), settings.password());
                    return auth.thenApply(r -> expectOk(r, "AUTH").getSession());
                })
                .thenApply(session -> new RelayConnection(session, replies));
    }

    private static SmtpClientResponse expectOk(SmtpClientResponse response, String step) {
        if (response.containsError()) {
            SmtpReply reply = SmtpReplies.firstError(response.getResponses());
            if (reply.code() >= 500) {
                throw new RelayRefused(step + " refused: " + reply);
            }
            throw new IllegalStateException(step + " refused: " + reply); // 4xx: try again later
        }
        return response;
    }

    /** A permanent refusal while connecting (5xx to the greeting, EHLO, STARTTLS or AUTH). */
    static final class RelayRefused extends RuntimeException {
        RelayRefused(String message) {
            super(message);
        }
    }

    /** The relay as logs and the settings page name it. */
    String describe() {
        return "smtp://" + settings.host() + ":" + settings.port() + " (tls " + mode().wireName() + ", up to "
                + settings.maxConnections() + " connections for all nodes together)";
    }

    TlsMode mode() {
        return settings.tls() == null ? TlsMode.NONE : settings.tls();
    }

    private SSLEngine clientEngine() {
        SSLEngine engine = (tls != null ? tls : defaultTls()).createSSLEngine(settings.host(), settings.port());
        engine.setUseClientMode(true);
        var parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // check the relay's name against its certificate
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** The JDK's trusted authorities, or only those in the configured trust store. */
    private static SSLContext tlsContext(DeliveryProperties.Smtp settings) {
        if (settings.trustStore() == null || settings.trustStore().isBlank()) {
            return defaultTls();
        }
        try (var in = Files.newInputStream(Path.of(settings.trustStore()))) {
            char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read optline.delivery.smtp.trust-store " + settings.trustStore() + ": "
                    + e.getMessage(), e);
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            factory.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(RelaySessions.class).debug("Closing the SMTP client", e);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
