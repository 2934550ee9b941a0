package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.Envelope;
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
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings)) {
                List<List<Envelope>> batches = new ArrayList<>();
                for (int lane = 0; lane < 3; lane++) {
                    List<Envelope> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(TestEnvelopes.to("l" + lane + "-" + i + "@example.org"));
                    }
                    batches.add(batch);
                }
                assertThat(TestEnvelopes.sendAtOnce(transport, batches)).allSatisfy(outcomes -> assertThat(outcomes).hasSize(10)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED)));
            }
            assertThat(peer.totalAccepted()).isEqualTo(30);
            assertThat(peer.mostAtOnce()).isBetween(1, 2);
        }
    }
}
