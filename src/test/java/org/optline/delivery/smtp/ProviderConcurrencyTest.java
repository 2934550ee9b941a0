package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.ProviderGroups;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.delivery.transport.SmtpReply;

/**
 * A provider group's concurrency limit holds on a relay across every batch sending at once, while
 * other domains use the rest of the connections.
 */
class ProviderConcurrencyTest {

    private static ProviderGroups googleLimitedTo(int concurrency) {
        return new ProviderGroups(new DeliveryProperties.Throttle(0, 0,
                Map.of("google", new DeliveryProperties.Throttle.DomainGroup(List.of("gmail.com", "googlemail.com"), 0, concurrency)),
                0));
    }

    @Test
    void threeBatchesAtOnceNeverHoldMoreThanTheProvidersLimitOpen() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.everyMessageMillis(25);
            peer.watch(Set.of("gmail.com", "googlemail.com"));
            var settings = new DeliveryProperties.Smtp("127.0.0.1", peer.port(), TlsMode.NONE, null, null, "concurrency-test", 6, 1000, 0,
                    Duration.ofSeconds(10), null, null);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings, googleLimitedTo(2))) {
                List<List<Envelope>> batches = new ArrayList<>();
                for (int lane = 0; lane < 3; lane++) {
                    List<Envelope> batch = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        batch.add(TestEnvelopes.to("l" + lane + "-" + i + (i % 2 == 0 ? "@gmail.com" : "@googlemail.com")));
                        batch.add(TestEnvelopes.to("l" + lane + "-" + i + "@example.org"));
                    }
                    batches.add(batch);
                }
                assertThat(TestEnvelopes.sendAtOnce(transport, batches)).allSatisfy(outcomes -> assertThat(outcomes).hasSize(16)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED)));
            }
            assertThat(peer.totalAccepted()).isEqualTo(48);
            assertThat(peer.acceptedCounts().values()).allMatch(n -> n == 1);
            assertThat(peer.mostAtOnceToWatched()).isBetween(1, 2);
        }
    }
}
