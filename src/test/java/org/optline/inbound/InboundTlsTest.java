package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.optline.inbound.listener.InboundListener;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * STARTTLS on the inbound listener with a certificate and key in PEM files (made here by the
 * {@code openssl} command: a self-signed certificate for localhost): it is offered, the handshake
 * succeeds against that certificate, and a message sent over the encrypted connection is stored.
 */
@OptlineTest
class InboundTlsTest {

    static Path dir;

    @DynamicPropertySource
    static void certificate(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("inbound-tls");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make a test certificate");
        }
        registry.add("optline.inbound.tls-certificate", () -> dir.resolve("cert.pem").toString());
        registry.add("optline.inbound.tls-key", () -> dir.resolve("key.pem").toString());
    }

    @Autowired InboundListener listener;
    @Autowired JdbcClient jdbc;

    @Test
    void startTlsIsOfferedAndAMessageSentOverItIsStored() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", listener.port())) {
            plain.setSoTimeout(30_000);
            Lines lines = new Lines(plain.getInputStream(), plain.getOutputStream());
            assertThat(lines.reply()).startsWith("220");
            assertThat(lines.command("EHLO client.example.net")).contains("STARTTLS");
            assertThat(lines.command("STARTTLS")).startsWith("220");
            SSLSocket tls = (SSLSocket) trusting(dir.resolve("cert.pem")).getSocketFactory()
                    .createSocket(plain, "localhost", listener.port(), true);
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).startsWith("TLSv1.");
            Lines secure = new Lines(tls.getInputStream(), tls.getOutputStream());
            // subethasmtp keeps listing STARTTLS after the handshake (and answers it 454 then).
            assertThat(secure.command("EHLO client.example.net")).startsWith("250");
            assertThat(secure.command("MAIL FROM:<>")).startsWith("250");
            assertThat(secure.command("RCPT TO:<b-tls@bounces.optline.local>")).startsWith("250");
            assertThat(secure.command("DATA")).startsWith("354");
            String subject = "Over TLS " + System.nanoTime();
            assertThat(secure.command("From: mailer-daemon@mx.example.net\r\nSubject: " + subject + "\r\n\r\nBody.\r\n.")).startsWith("250");
            secure.command("QUIT");
        }
        assertThat(jdbc.sql("select count(*) from inbound_messages where recipients = 'b-tls@bounces.optline.local'")
                .query(Long.class).single()).isEqualTo(1);
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("listener", cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Command lines and (multi-line) replies on one stream. */
    private record Lines(BufferedReader in, OutputStream out) {
        Lines(InputStream in, OutputStream out) {
            this(new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)), out);
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed after " + all);
                }
                all.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return all.toString().trim();
        }
    }
}
