package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.smtp.FaultySmtpPeer;

/**
 * Recipients whose destination stayed at its limit until the batch's time ran out were never
 * offered to the server: they go back to the queue untried (NOT_SENT), not as connection faults
 * that would count as an attempt and wait minutes for a retry.
 */
class HeldBackTest {

    @Test
    void recipientsStillHeldBackWhenTheBatchRunsOutOfTimeAreNotSentNotFailed() throws Exception {
        ProviderGroups groups = new ProviderGroups(new DeliveryProperties.Throttle(0, 0,
                Map.of("google", new DeliveryProperties.Throttle.DomainGroup(List.of("gmail.com"), 0, 1)), 0));
        OpenTransactions open = new OpenTransactions(groups);
        assertThat(open.tryOpen("google")).isTrue(); // another batch's message to Google, still going out
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            var settings = new DeliveryProperties.Smtp("127.0.0.1", peer.port(), "none", null, null, "held-back-test", 3, 1000, 0,
                    Duration.ofMillis(250), null, null);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings, groups, open)) {
                List<Envelope> batch = List.of(to("first@gmail.com"), to("second@gmail.com"), to("a@example.org"), to("b@example.org"));
                List<Outcome> outcomes = transport.send(batch);
                assertThat(outcomes).extracting(o -> o.reply().verdict()).containsExactly(
                        SmtpReply.Verdict.NOT_SENT, SmtpReply.Verdict.NOT_SENT, SmtpReply.Verdict.DELIVERED, SmtpReply.Verdict.DELIVERED);
            }
            assertThat(peer.acceptedFor("first@gmail.com")).isZero();
            assertThat(peer.totalAccepted()).isEqualTo(2);
        }
        assertThat(open.openTo("google")).isEqualTo(1); // the other batch's, untouched
    }

    private static Envelope to(String address) {
        return new Envelope(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "b@bounces.example", address, "s",
                ("From: a@example.com\r\nTo: " + address + "\r\nSubject: s\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
