package org.optline.tracking.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which links a campaign's table holds, and how they are found in each part. */
class LinkScannerTest {

    static final String BASE = "https://mail.optline.example";

    @Test
    void theTableNumbersTrackableLinksInOrderOfFirstAppearance() {
        String html = "<a href=\"https://a.example/x?p&#61;1&amp;q&#61;2\">a</a><a href=\"https://b.example\">b</a>"
                + "<a href=\"https://a.example/x?p&#61;1&amp;q&#61;2\">again</a><a data-href=\"https://hidden.example\">no</a>";
        String text = "See https://b.example, and https://c.example/y. Or (https://d.example/z)";
        assertThat(CampaignLinkTable.of(html, text, BASE)).containsExactly("https://a.example/x?p=1&q=2", "https://b.example",
                "https://c.example/y", "https://d.example/z");
    }

    @Test
    void mergeTagsOwnPagesMailtoAndOtherSchemesAreNeverTracked() {
        String html = "<a href=\"https://shop.example/?u={{email}}\">mine</a><a href=\"{{unsubscribe_url}}\">u</a>"
                + "<a href=\"" + BASE + "/s/preferences/abc\">p</a><a href=\"" + BASE + "/s/view/abc\">v</a>"
                + "<a href=\"mailto:help@shop.example\">m</a><a href=\"tel:+4930123\">t</a><a href=\"#top\">top</a>"
                + "<a href=\"" + BASE + "/t/c/abc\">t</a><a href=\"HTTPS://Shop.example/Ok\">ok</a>";
        assertThat(CampaignLinkTable.of(html, "{{unsubscribe_url}} https://x.example/{{name}}", BASE))
                .containsExactly("HTTPS://Shop.example/Ok");
    }

    @Test
    void textLinksEndAtSpacesBracketsAndTrailingPunctuation() {
        assertThat(LinkScanner.text("go:https://a.example/p?x=1!\n<http://b.example/q>; xhttps://no.example"))
                .extracting(LinkScanner.Found::raw).containsExactly("https://a.example/p?x=1", "http://b.example/q");
        assertThat(LinkScanner.text("https://a.example/p?x=1! then")).extracting(LinkScanner.Found::raw)
                .containsExactly("https://a.example/p?x=1");
    }
}
