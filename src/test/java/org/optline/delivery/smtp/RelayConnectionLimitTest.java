package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.delivery.transport.SmtpReply;

/** The relay's connection limit holds for the whole transport, however many lanes send at once. */
class RelayConnectionLimitTest {

    @Test
    void threeLanesSendingAtOnceNeverUseMoreThanTheConnectionLimit() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.everyMessageMillis(30);
            var settings = new DeliveryProperties.Smtp("127.0.0.1", peer.port(), "none", null, null, "limit-test", 2, 1000, 0,
                    Duration.ofSeconds(10), null, null);
            SmtpRelayTransport transport = new SmtpRelayTransport(settings);
            ExecutorService lanes = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<Outcome>>> results = new ArrayList<>();
                for (int lane = 0; lane < 3; lane++) {
                    List<Envelope> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        String to = "l" + lane + "-" + i + "@example.org";
                        batch.add(new Envelope(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "b@bounces.example", to, "s",
                                ("From: a@example.com\r\nTo: " + to + "\r\nSubject: s\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII)));
                    }
                    results.add(lanes.submit(() -> transport.send(batch)));
                }
                for (var r : results) {
                    assertThat(r.get()).hasSize(10).allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
                }
            } finally {
                lanes.shutdownNow();
                transport.close();
            }
            assertThat(peer.totalAccepted()).isEqualTo(30);
            assertThat(peer.mostAtOnce()).isBetween(1, 2);
        }
    }
}
