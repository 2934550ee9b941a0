package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The policy's Markdown renders to the few elements a policy needs, and markup in the text never runs. */
class PolicyMarkdownTest {

    @Test
    void markdownBecomesHeadingsParagraphsListsAndLinks() {
        String html = PolicyMarkdown.html("# Title\n\nSome **bold** and *soft* words.\n\n- one\n- two\n\n3. three\n\n"
                + "[contact](/contact), [site](https://example.org \"Example\") and [mail](mailto:dpo@example.org)");
        assertThat(html).contains("<h1>Title</h1>", "<strong>bold</strong>", "<em>soft</em>", "<li>one</li>",
                "<ol start=\"3\">", "<a href=\"/contact\">contact</a>", "href=\"https://example.org\"", "title=\"Example\"",
                "href=\"mailto:dpo&#64;example.org\"");
    }

    @Test
    void rawHtmlIsShownAsTextAndUnsafeLinksAndImagesAreDropped() {
        String html = PolicyMarkdown.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) ![pixel](https://tracker.example/p.gif) <b onclick=\"x()\">b</b>\n\n"
                + "[data](data:text/html;base64,PHNjcmlwdD4=)");
        assertThat(html).doesNotContain("<script", "<img", "javascript:", "onerror=alert(2)>", "<b ", "onclick=\"", "data:text")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src&#61;x onerror&#61;alert(2)&gt;", "click");
    }
}
