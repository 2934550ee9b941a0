package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.smtp.FaultySmtpPeer;
import org.optline.delivery.smtp.TestEnvelopes;

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
            var settings = new DeliveryProperties.Smtp("127.0.0.1", peer.port(), TlsMode.NONE, null, null, "held-back-test", 3, 1000, 0,
                    Duration.ofMillis(250), null, null);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings, groups, open)) {
                List<Envelope> batch = List.of(TestEnvelopes.to("first@gmail.com"), TestEnvelopes.to("second@gmail.com"),
                        TestEnvelopes.to("a@example.org"), TestEnvelopes.to("b@example.org"));
                List<Outcome> outcomes = transport.send(batch);
                assertThat(outcomes).extracting(o -> o.reply().verdict()).containsExactly(
                        SmtpReply.Verdict.NOT_SENT, SmtpReply.Verdict.NOT_SENT, SmtpReply.Verdict.DELIVERED, SmtpReply.Verdict.DELIVERED);
            }
            assertThat(peer.acceptedFor("first@gmail.com")).isZero();
            assertThat(peer.totalAccepted()).isEqualTo(2);
        }
        assertThat(open.openTo("google")).isEqualTo(1); // the other batch's, untouched
    }
}
