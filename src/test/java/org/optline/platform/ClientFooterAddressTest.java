package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The postal address as mail footers print it under the client's name: the company is never named twice. */
class ClientFooterAddressTest {

    @Test
    void aFirstLineThatIsTheNameOrTheNameWithALegalFormIsLeftOut() {
        assertThat(Client.footerAddress("Acme", "Acme.\n1 Main Street\nSpringfield")).isEqualTo("1 Main Street\nSpringfield");
        assertThat(Client.footerAddress("Acme", "ACME GmbH & Co. KG\nHauptstr. 1\n10115 Berlin")).isEqualTo("Hauptstr. 1\n10115 Berlin");
    }

    @Test
    void theNameBeforeACommaIsLeftOutAndTheRestOfTheLineKept() {
        assertThat(Client.footerAddress("Acme", "Acme GmbH, Hauptstr. 1, 10115 Berlin")).isEqualTo("Hauptstr. 1, 10115 Berlin");
        assertThat(Client.footerAddress("Acme", "Acme, 1 Main Street\nSpringfield")).isEqualTo("1 Main Street\nSpringfield");
    }

    @Test
    void anAddressThatMerelyStartsLikeTheNameStaysWhole() {
        assertThat(Client.footerAddress("Main", "Main Street 5\nSpringfield")).isEqualTo("Main Street 5\nSpringfield");
        assertThat(Client.footerAddress("Acme", "Acmeville Road 2")).isEqualTo("Acmeville Road 2");
        assertThat(Client.footerAddress("Acme", "1 Main Street, Springfield")).isEqualTo("1 Main Street, Springfield");
    }

    @Test
    void linesKeepTheirOrderWithoutBlankOnes() {
        assertThat(Client.footerAddress("Acme", "\n 1 Main Street \r\n\r\nSpringfield\n")).isEqualTo("1 Main Street\nSpringfield");
        assertThat(Client.footerAddress("Acme", null)).isNull();
    }
}
