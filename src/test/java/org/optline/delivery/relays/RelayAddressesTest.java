package org.optline.delivery.relays;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's relay may not point inside the platform's network, nor at a port that is not for mail. */
class RelayAddressesTest {

    @Test
    void theAddressConnectedToIsHeldToTheSameRule() {
        assertThat(RelayAddresses.problem(new java.net.InetSocketAddress("10.1.2.3", 587)))
                .hasValueSatisfying(p -> assertThat(p).contains("internal"));
        assertThat(RelayAddresses.problem(new java.net.InetSocketAddress("192.0.2.10", 8025)))
                .hasValueSatisfying(p -> assertThat(p).contains("mail port"));
        assertThat(RelayAddresses.problem(new java.net.InetSocketAddress("192.0.2.10", 587))).isEmpty();
    }

    @Test
    void internalAddressesAndOtherPortsAreRefusedUnlessAllowed() {
        for (String host : new String[] {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "[::1]", "fd00::1", "100.64.0.1", "0.0.0.0"}) {
            assertThat(RelayAddresses.problem(host, 587, false)).as(host).hasValueSatisfying(p -> assertThat(p).contains("internal"));
        }
        assertThat(RelayAddresses.problem("192.0.2.10", 8025, false)).hasValueSatisfying(p -> assertThat(p).contains("mail port"));
        assertThat(RelayAddresses.problem("192.0.2.10", 587, false)).isEmpty();
        assertThat(RelayAddresses.problem("127.0.0.1", 2526, true)).isEmpty();
    }
}
