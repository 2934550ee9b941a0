package org.optline.delivery.relays;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client's relay may not point inside the platform's network, nor at a port that is not for mail. */
class RelayAddressesTest {

    @Test
    void theAddressConnectedToIsHeldToTheSameRule() {
        assertThat(RelayAddresses.problem(new InetSocketAddress("10.1.2.3", 587)))
                .hasValueSatisfying(p -> assertThat(p).contains("internal"));
        assertThat(RelayAddresses.problem(new InetSocketAddress("192.0.2.10", 8025)))
                .hasValueSatisfying(p -> assertThat(p).contains("mail port"));
        assertThat(RelayAddresses.problem(new InetSocketAddress("192.0.2.10", 587))).isEmpty();
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

    /**
     * IPv6 forms that carry a private, loopback or link-local IPv4 address (NAT64, 6to4,
     * IPv4-compatible, IPv4-mapped), the local-use NAT64 prefix, and the IPv4 ranges reserved for
     * benchmarks, protocol assignments, future use and broadcast: each refused both when saved and
     * on the address connected to.
     */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::192.168.0.1",
            "64:ff9b:1::8.8.8.8", "2002:a00:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::", "::10.0.0.1",
            "::127.0.0.1", "::8.8.8.8", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "198.18.0.1", "198.19.255.254",
            "192.0.0.8", "192.0.0.170", "240.0.0.1", "250.1.2.3", "255.255.255.255", "fec0::1"})
    void transitionFormsAndReservedRangesAreInternal(String address) throws Exception {
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(RelayAddresses.problem(host, 587, false)).as(address).hasValueSatisfying(p -> assertThat(p).contains("internal"));
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(address), 587);
        assertThat(RelayAddresses.problem(target)).as(address).hasValueSatisfying(p -> assertThat(p).contains("internal"));
        // The form the kernel might be handed as 16 bytes, however Java normalises the text.
        byte[] bytes = InetAddress.getByName(address).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            InetAddress sixteen = Inet6Address.getByAddress(null, mapped, -1);
            assertThat(RelayAddresses.problem(new InetSocketAddress(sixteen, 587))).as("mapped " + address)
                    .hasValueSatisfying(p -> assertThat(p).contains("internal"));
        }
    }

    /** Public addresses in the same families stay usable. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::8.8.8.8", "2002:808:808::1", "2001:db8::25", "198.17.255.1", "198.20.0.1", "192.0.1.1",
            "192.0.2.10", "223.255.255.254"})
    void publicAddressesInTheSameFamiliesAreAllowed(String address) throws Exception {
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(RelayAddresses.problem(host, 587, false)).as(address).isEmpty();
        assertThat(RelayAddresses.problem(new InetSocketAddress(InetAddress.getByName(address), 587))).as(address).isEmpty();
    }

    /**
     * A host made of numbers must be the canonical dotted quad: the other spellings resolvers accept
     * (hex, octal, fewer parts, one number) hide what they point at from anyone reading them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0x7f.1", "0x7f000001", "017700000001", "127.1", "2130706433", "0177.0.0.1", "127.0.0.01",
            "127.000.000.001", "10.1", "1.2.3.4.5", "8.8.8.8.", "0134744072", "134744072", "0x8.0x8.0x8.0x8", "256.1.1.1", "1.1.1.0x1"})
    void nonCanonicalIpv4SpellingsAreRefused(String host) {
        assertThat(RelayAddresses.problem(host, 587, false)).as(host)
                .hasValueSatisfying(p -> assertThat(p).contains("four decimal numbers"));
        assertThat(RelayAddresses.problem(host, 587, true)).as(host + " (internal allowed)")
                .hasValueSatisfying(p -> assertThat(p).contains("four decimal numbers"));
    }
}
