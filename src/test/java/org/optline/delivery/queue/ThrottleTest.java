package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.ProviderGroups;

/**
 * Each bucket holds one second's worth of tokens, so calls made in the same instant see exactly
 * that many admitted and the next one told to wait; no assertion depends on how long anything takes.
 */
class ThrottleTest {

    static final UUID CLIENT = UUID.randomUUID();

    static Throttle throttle(double clientRate, double platformRate, Throttle.Shares shares) {
        var settings = new DeliveryProperties.Throttle(clientRate, platformRate,
                Map.of("google", new DeliveryProperties.Throttle.DomainGroup(List.of("gmail.com", "googlemail.com"), 2, 0)), 0);
        return new Throttle(settings, new ProviderGroups(settings), shares);
    }

    static Throttle throttle(double clientRate, double platformRate) {
        return throttle(clientRate, platformRate, new Nodes(1, 1)); // a node alone
    }

    @Test
    void aProvidersDomainsShareOneBucketAndOtherDomainsAreNotHeldBack() {
        Throttle t = throttle(0, 0);
        assertThat(t.admit(CLIENT, "gmail.com", null, 0)).isEmpty();
        assertThat(t.admit(CLIENT, "googlemail.com", null, 0)).isEmpty();
        assertThat(t.admit(CLIENT, "gmail.com", null, 0)).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        for (int i = 0; i < 50; i++) {
            assertThat(t.admit(CLIENT, "example.org", null, 0)).isEmpty();
        }
    }

    @Test
    void clientAndPlatformCapsApplyAcrossDomains() {
        Throttle perClient = throttle(3, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(perClient.admit(CLIENT, "d" + i + ".example", null, 0)).isEmpty();
        }
        assertThat(perClient.admit(CLIENT, "d9.example", null, 0)).isPresent();
        assertThat(perClient.admit(UUID.randomUUID(), "d9.example", null, 0)).as("another client has its own bucket").isEmpty();

        Throttle platform = throttle(0, 2);
        assertThat(platform.admit(UUID.randomUUID(), "a.example", null, 0)).isEmpty();
        assertThat(platform.admit(UUID.randomUUID(), "b.example", null, 0)).isEmpty();
        assertThat(platform.admit(UUID.randomUUID(), "c.example", null, 0)).isPresent();
    }

    @Test
    void eachRelayHasItsOwnCapAndTheRefusedRecipientTakesNoTokenElsewhere() {
        Throttle t = throttle(0, 0);
        UUID ownRelay = UUID.randomUUID();
        assertThat(t.admit(CLIENT, "a.example", null, 1)).isEmpty();
        assertThat(t.admit(CLIENT, "b.example", null, 1)).as("the platform relay's cap").isPresent();
        assertThat(t.admit(CLIENT, "b.example", ownRelay, 1)).as("a client relay counts apart").isEmpty();
        assertThat(t.admit(CLIENT, "c.example", ownRelay, 1)).isPresent();

        // Held back by the relay cap, the recipient must not have used up the provider's token.
        assertThat(t.admit(CLIENT, "gmail.com", ownRelay, 1)).isPresent();
        assertThat(t.admit(CLIENT, "gmail.com", UUID.randomUUID(), 0)).isEmpty();
        assertThat(t.admit(CLIENT, "gmail.com", UUID.randomUUID(), 0)).isEmpty();
    }

    /** Nodes sending now: {@code everyone} in all, {@code client} of them sending CLIENT's mail. */
    static final class Nodes implements Throttle.Shares {
        int everyone;
        int client;

        Nodes(int everyone, int client) {
            this.everyone = everyone;
            this.client = client;
        }

        @Override
        public int nodes() {
            return everyone;
        }

        @Override
        public int nodesSending(UUID clientId) {
            return clientId.equals(CLIENT) ? client : 1;
        }
    }

    @Test
    void eachNodeTakesItsShareOfEveryRate() {
        Nodes nodes = new Nodes(4, 2);
        Throttle perClient = throttle(6, 0, nodes);
        for (int i = 0; i < 3; i++) {
            assertThat(perClient.admit(CLIENT, "d" + i + ".example", null, 0)).as("6/s shared by the 2 nodes sending it").isEmpty();
        }
        assertThat(perClient.admit(CLIENT, "d9.example", null, 0)).isPresent();
        for (int i = 0; i < 6; i++) {
            assertThat(perClient.admit(UUID.randomUUID(), "d" + i + ".example", null, 0)).as("a client this node sends alone").isEmpty();
        }

        Throttle platform = throttle(0, 8, nodes);
        assertThat(platform.admit(UUID.randomUUID(), "a.example", null, 0)).isEmpty();
        assertThat(platform.admit(CLIENT, "b.example", null, 0)).isEmpty();
        assertThat(platform.admit(UUID.randomUUID(), "c.example", null, 0)).as("8/s shared by all 4 nodes").isPresent();

        Throttle relays = throttle(0, 0, nodes);
        assertThat(relays.admit(CLIENT, "a.example", CLIENT, 4)).isEmpty();
        assertThat(relays.admit(CLIENT, "b.example", CLIENT, 4)).isEmpty();
        assertThat(relays.admit(CLIENT, "c.example", CLIENT, 4)).as("the client's own relay: its 2 nodes").isPresent();
        assertThat(relays.admit(CLIENT, "d.example", null, 4)).as("the platform relay: all 4 nodes").isEmpty();
        assertThat(relays.admit(CLIENT, "e.example", null, 4)).isPresent();

        Throttle provider = throttle(0, 0, nodes);
        assertThat(provider.admit(CLIENT, "gmail.com", null, 0)).isEmpty();
        assertThat(provider.admit(CLIENT, "gmail.com", null, 0)).as("2/s shared by 4: one every 2 s")
                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(1)));
    }

    @Test
    void aNodeThatStartsSharingGivesUpTheTokensBeyondItsShare() {
        Nodes nodes = new Nodes(1, 1);
        Throttle t = throttle(4, 0, nodes);
        assertThat(t.admit(CLIENT, "a.example", null, 0)).isEmpty();
        nodes.client = 2; // another node starts sending this client's mail: this one may hold 2, not 3
        assertThat(t.admit(CLIENT, "b.example", null, 0)).isEmpty();
        assertThat(t.admit(CLIENT, "c.example", null, 0)).isEmpty();
        assertThat(t.admit(CLIENT, "d.example", null, 0)).isPresent();
    }
}
