package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;

/**
 * Each bucket holds one second's worth of tokens, so calls made in the same instant see exactly
 * that many admitted and the next one told to wait; no assertion depends on how long anything takes.
 */
class ThrottleTest {

    static final UUID CLIENT = UUID.randomUUID();

    static Throttle throttle(double clientRate, double platformRate) {
        var settings = new DeliveryProperties.Throttle(clientRate, platformRate,
                Map.of("google", new DeliveryProperties.Throttle.DomainGroup(List.of("gmail.com", "googlemail.com"), 2, 0)), 0);
        return new Throttle(settings, new org.optline.delivery.transport.ProviderGroups(settings));
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
}
