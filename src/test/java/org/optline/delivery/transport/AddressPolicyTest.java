package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
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
            var settings = new DeliveryProperties.Smtp("localhost", peer.port(), TlsMode.NONE, null, null, "policy-test", 2, 1000, 0,
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

    /**
     * A name with several addresses is refused when any of them is, as when the relay was saved,
     * even while the batch would go to an allowed one: the next batch may go to the other.
     */
    @Test
    void everyAddressTheNameResolvesToIsCheckedBeforeABatch() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            var settings = new DeliveryProperties.Smtp("relay.example.test", peer.port(), TlsMode.NONE, null, null, "policy-test", 2, 1000, 0,
                    Duration.ofSeconds(2), null, null);
            var groups = new ProviderGroups(new DeliveryProperties.Throttle(0, 0, Map.of(), 0));
            InetAddress allowed = InetAddress.getByName("127.0.0.1");
            InetAddress refused = InetAddress.getByName("127.0.0.2");
            SmtpRelayTransport.AddressPolicy policy = target -> target.getAddress().equals(refused)
                    ? Optional.of("points to an internal address (127.0.0.2)") : Optional.empty();
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings, groups, policy,
                    host -> new InetAddress[] {refused, allowed})) {
                assertThat(transport.send(List.of(TestEnvelopes.to("a@example.org")))).singleElement().satisfies(o -> {
                    assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.SENDER_BLOCKED);
                    assertThat(o.reply().text()).contains("127.0.0.2");
                });
                assertThat(peer.totalAccepted()).isZero();
            }
        }
    }
}
