package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.relays.RelayAddresses;
import org.optline.delivery.smtp.FaultySmtpPeer;
import org.optline.delivery.smtp.TestEnvelopes;

/**
 * A client relay's transport checks the address it is about to connect to, not only the name when
 * it was saved: a name that now resolves to an internal address is refused, and nothing is sent.
 */
class AddressPolicyTest {

    @Test
    void anInternalAddressIsRefusedAtConnectTimeAndNothingIsSent() {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            var settings = new DeliveryProperties.Smtp("localhost", peer.port(), "none", null, null, "policy-test", 2, 1000, 0,
                    Duration.ofSeconds(2), null, null);
            var groups = new ProviderGroups(new DeliveryProperties.Throttle(0, 0, Map.of(), 0));
            try (SmtpRelayTransport guarded = new SmtpRelayTransport(settings, groups, RelayAddresses::problem);
                 SmtpRelayTransport open = new SmtpRelayTransport(settings, groups, SmtpRelayTransport.AddressPolicy.ANY)) {
                List<Outcome> refused = guarded.send(List.of(TestEnvelopes.to("a@example.org")));
                assertThat(refused).singleElement().satisfies(o -> {
                    assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.SENDER_BLOCKED);
                    assertThat(o.reply().text()).contains("internal address");
                });
                assertThat(peer.totalAccepted()).isZero();

                assertThat(open.send(List.of(TestEnvelopes.to("b@example.org"))))
                        .singleElement().satisfies(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
            }
        }
    }
}
