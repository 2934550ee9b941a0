package org.optline.delivery.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** How OPTLINE_DNS_SERVERS entries are read, and how a DKIM key record's tags are. */
class ResolverSettingsTest {

    @Test
    void serversAreHostsWithAnOptionalPort() {
        assertThat(DnsRecords.address("192.0.2.53")).isEqualTo(new InetSocketAddress("192.0.2.53", 53));
        assertThat(DnsRecords.address("127.0.0.1:5353")).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(DnsRecords.address("[2001:db8::53]:5300")).isEqualTo(new InetSocketAddress("2001:db8::53", 5300));
        assertThat(DnsRecords.address("[2001:db8::53]")).isEqualTo(new InetSocketAddress("2001:db8::53", 53));
        assertThat(DnsRecords.address("2001:db8::53")).isEqualTo(new InetSocketAddress("2001:db8::53", 53));
    }

    @Test
    void aKeyRecordsTagsAreReadWithBlanksAsRfc6376Allows() {
        assertThat(DomainChecks.tag("v=DKIM1; k=rsa; p=MIIB AQAB", "p")).isEqualTo("MIIBAQAB");
        assertThat(DomainChecks.tag(" p = MII\tBAQ\r\n AB ;k=rsa", "p")).isEqualTo("MIIBAQAB");
        assertThat(DomainChecks.tag("v=DKIM1; P=MIIBAQAB", "p")).as("tag names are case-sensitive").isNull();
        assertThat(DomainChecks.tag("v=DKIM1; k=rsa", "p")).isNull();
        assertThat(DomainChecks.tag("v=DKIM1; k=rsa; p=", "p")).isEmpty();
    }
}
