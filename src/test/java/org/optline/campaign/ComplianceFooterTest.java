package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.platform.Client;

/** The footer's postal address: its own lines, the client's name once. */
class ComplianceFooterTest {

    private final ContentEngine engine = new ContentEngine();

    @Test
    void theAddressKeepsItsLinesAndDropsALeadingLineThatRepeatsTheName() {
        assertThat(Client.footerAddress("Browser Bakery", "Browser Bakery\n2 Flour Lane\r\n\n  12345 Breadville "))
                .isEqualTo("2 Flour Lane\n12345 Breadville");
        assertThat(Client.footerAddress("Browser Bakery", "2 Flour Lane\n12345 Breadville"))
                .isEqualTo("2 Flour Lane\n12345 Breadville");
        assertThat(Client.footerAddress("Bakery", null)).isNull();
    }

    @Test
    void theHtmlFooterShowsTheAddressLinesThroughTheSanitiser() {
        var out = engine.compile(new ContentEngine.Source("s", ComplianceFooter.html("<p>Hi</p>", false), null))
                .render(Map.of("client_name", "Browser Bakery", "postal_address", "2 Flour Lane\n12345 Breadville",
                        "unsubscribe_url", "https://x.test/u", "preferences_url", "https://x.test/p"));
        assertThat(out.html()).contains("white-space:pre-line").contains("Browser Bakery<br />2 Flour Lane\n12345 Breadville")
                .doesNotContain("Browser Bakery, ");
    }

    @Test
    void theTextFooterPutsNameAndAddressOnLinesOfTheirOwn() {
        var out = engine.compile(new ContentEngine.Source("s", "<p>Hi</p>", ComplianceFooter.text("Hi")))
                .render(Map.of("client_name", "Browser Bakery", "postal_address", "2 Flour Lane\n12345 Breadville",
                        "unsubscribe_url", "https://x.test/u", "preferences_url", "https://x.test/p"));
        assertThat(out.text()).contains("--\nBrowser Bakery\n2 Flour Lane\n12345 Breadville\n");
    }
}
