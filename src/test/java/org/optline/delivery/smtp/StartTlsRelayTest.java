package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.delivery.transport.SmtpReply;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * STARTTLS against a relay that requires it (subethasmtp with a certificate made for the test):
 * the transport upgrades, checks the certificate against the host name, and delivers; with
 * STARTTLS required but the relay not offering it, the relay is refused (which pauses a campaign).
 */
class StartTlsRelayTest {

    @Test
    void theTransportUpgradesToTlsAndDelivers() throws Exception {
        TestCertificates tls = TestCertificates.create();
        List<String> received = new CopyOnWriteArrayList<>();
        int port = LoopbackPorts.free();
        SMTPServer relay = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress())
                .enableTLS().requireTLS().startTlsSocketFactory(tls.serverContext())
                .messageHandlerFactory(context -> new Recorder(received)).build();
        relay.start();
        try {
            SmtpRelayTransport transport = new SmtpRelayTransport(new DeliveryProperties.Smtp("127.0.0.1", port, TlsMode.STARTTLS, null, null,
                    "starttls-test", 2, 1000, 0, Duration.ofSeconds(10), tls.trustStore.toString(), TestCertificates.PASSWORD));
            try {
                List<Outcome> outcomes = transport.send(batch(3));
                assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
            } finally {
                transport.close();
            }
            assertThat(received).hasSize(3);
        } finally {
            relay.stop();
        }
    }

    @Test
    void aRelayWithoutStartTlsIsRefusedWhenTlsIsRequired() throws Exception {
        try (FaultySmtpPeer plain = new FaultySmtpPeer()) {
            SmtpRelayTransport transport = new SmtpRelayTransport(new DeliveryProperties.Smtp("127.0.0.1", plain.port(), TlsMode.STARTTLS, null,
                    null, "starttls-test", 1, 1000, 0, Duration.ofSeconds(10), null, null));
            try {
                List<Outcome> outcomes = transport.send(batch(2));
                assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.SENDER_BLOCKED));
                assertThat(outcomes.get(0).reply().text()).contains("STARTTLS");
            } finally {
                transport.close();
            }
            assertThat(plain.totalAccepted()).isZero();
        }
    }

    private static List<Envelope> batch(int n) {
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String to = "tls" + i + "@example.org";
            batch.add(new Envelope(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "b@bounces.example", to, "s",
                    ("From: a@example.com\r\nTo: " + to + "\r\nSubject: s\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII)));
        }
        return batch;
    }

    private record Recorder(List<String> received) implements MessageHandler {
        public void from(String from) {}

        public void recipient(String recipient) {
            received.add(recipient);
        }

        public String data(InputStream data) throws IOException {
            data.readAllBytes();
            return null;
        }

        public void done() {}
    }
}
