package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.77, 203.0.113.0",
            "203.0.113.0, 203.0.113.0",
            "10.1.2.255, 10.1.2.0",
            "' 198.51.100.9 ', 198.51.100.0",
            "127.0.0.1, 127.0.0.0"})
    void ipv4KeepsItsSlash24(String address, String network) {
        assertThat(Networks.of(address)).isEqualTo(network);
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8:1234:5678::1, 2001:db8:1234::",
            "2001:0db8:1234:5678:9abc:def0:1234:5678, 2001:db8:1234::",
            "2001:DB8:ABCD:12:0:0:0:1, 2001:db8:abcd::",
            "[2001:db8:1234:5678::1], 2001:db8:1234::",
            "fe80::1%eth0, fe80::",
            "::1, ::",
            "2001:db8::, 2001:db8::"})
    void ipv6KeepsItsSlash48(String address, String network) {
        assertThat(Networks.of(address)).isEqualTo(network);
    }

    @ParameterizedTest
    @CsvSource({
            "::ffff:203.0.113.77, 203.0.113.0",
            "::FFFF:198.51.100.200, 198.51.100.0",
            "0:0:0:0:0:ffff:cb00:714d, 203.0.113.0"})
    void anIpv4AddressWrittenAsIpv6IsCutAsIpv4(String address, String network) {
        assertThat(Networks.of(address)).isEqualTo(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "unknown", "localhost", "example.com", "203.0.113", "203.0.113.256", "1.2.3.4.5",
            "2001:db8::1::2", "gggg::1", "203.0.113.77, 10.0.0.1", "1:2:3", "::ffff:999.1.1.1"})
    void whatIsNotAnAddressLiteralIsNoNetwork(String garbage) {
        assertThat(Networks.of(garbage)).isNull();
    }

    @Test
    void nothingIsNothing() {
        assertThat(Networks.of(null)).isNull();
    }
}
