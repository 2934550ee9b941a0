package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.smtp.FaultySmtpPeer;
import org.optline.delivery.smtp.LoopbackPorts;
import org.optline.delivery.smtp.TestEnvelopes;

/** A relay nobody answers on is told apart from a server that answered with a temporary failure. */
class UnreachableRelayTest {

    private static List<Envelope> batch(String... recipients) {
        return Arrays.stream(recipients).map(TestEnvelopes::to).toList();
    }

    private static DeliveryProperties.Smtp relayAt(int port) {
        return new DeliveryProperties.Smtp("127.0.0.1", port, TlsMode.NONE, null, null, "unreachable-test", 2, 1000, 0,
                Duration.ofSeconds(2), null, null);
    }

    @Test
    void noConnectionAtAllIsUnreachableAndDeferred() {
        try (SmtpRelayTransport transport = new SmtpRelayTransport(relayAt(LoopbackPorts.free()))) {
            assertThat(transport.send(batch("a@example.org", "b@example.org"))).allSatisfy(o -> {
                assertThat(o.reply().relayUnreachable()).isTrue();
                assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DEFERRED);
            });
        }
    }

    @Test
    void aServerThatAnsweredIsNeverUnreachableEvenWhenItRefusesForNow() {
        try (FaultySmtpPeer peer = new FaultySmtpPeer();
             SmtpRelayTransport transport = new SmtpRelayTransport(relayAt(peer.port()))) {
            List<Outcome> outcomes = transport.send(batch("temp-x@example.org", "ok@example.org"));
            assertThat(outcomes).noneSatisfy(o -> assertThat(o.reply().relayUnreachable()).isTrue());
            assertThat(outcomes).extracting(o -> o.reply().verdict())
                    .containsExactlyInAnyOrder(SmtpReply.Verdict.DEFERRED, SmtpReply.Verdict.DELIVERED);
        }
    }
}
