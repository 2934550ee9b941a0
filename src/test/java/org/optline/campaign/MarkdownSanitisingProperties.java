package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.optline.campaign.render.MarkdownRenderer;
import org.optline.platform.ValidationException;
import org.quicktheories.generators.Generate;

/**
 * For any Markdown built from Markdown syntax, merge tags, raw HTML and the usual attacks: what
 * the campaign stores (the Markdown rendered by CommonMark, then sanitised) is left unchanged by the
 * sanitiser, so the stored HTML is exactly what the editor shows and what is sent, and holds no
 * script, event handler, frame, form or javascript: link. Content the engine refuses (a bad merge
 * tag) is never stored.
 */
class MarkdownSanitisingProperties {

    private static final List<String> FRAGMENTS = List.of(
            "# ", "## ", "\n", "\n\n", "    ", "> ", "- ", "1. ", "*", "**", "_", "`", "```\n", "---\n", "Hello ", "friend", " ",
            "[shop](https://shop.example/)", "[unsubscribe]({{unsubscribe_url}})", "<https://shop.example>", "![a](https://shop.example/a.png)",
            "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](<javascript:alert(1)>)", "![x](javascript:alert(1))",
            "[x]: javascript:alert(1)\n", "[x]", "[x](data:text/html,<script>alert(1)</script>)",
            "<script>alert(1)</script>", "<script>", "</script>", "<iframe src=\"https://evil.example\"></iframe>",
            "<form action=\"https://evil.example\"><input name=pw></form>", "<img src=x onerror=alert(1)>",
            "<p onclick=\"alert(1)\">", "</p>", "<div>", "</div>", "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">a</a>",
            "<style>p { color: red }</style>", "<p style=\"color: red\">", "<!--", "-->", "&lt;", "&amp;", "<", ">", "\"", "'",
            "{{name}}", "{{name|there}}", "{{#vip}}", "{{/vip}}", "{{email}}", "{{", "}}", "{{name|<script>alert(1)</script>}}",
            "{{{name}}}", "[x]({{url}})", "[x](https://shop.example/{{code}})", "<a href=\"{{url}}\">x</a>");

    private final ContentEngine engine = new ContentEngine();

    @Test
    void renderedMarkdownIsWhatTheSanitiserKeepsAndHoldsNoScript() {
        qt().withExamples(2000).withShrinkCycles(200)
                .forAll(lists().of(Generate.pick(FRAGMENTS)).ofSizeBetween(1, 20).map(parts -> String.join("", parts)))
                .checkAssert(this::storesOnlySanitisedHtml);
    }

    @Test
    void markdownBecomesMailMarkupWithItsMergeTags() {
        String stored = engine.sanitize(MarkdownRenderer.render("# Hello {{name|there}}\n\nSee [the menu](https://shop.example/menu)"
                + " or [leave]({{unsubscribe_url}}).\n\n- soup\n- bread\n"));
        assertThat(stored).contains("<h1>Hello {{name|there}}</h1>").contains("href=\"https://shop.example/menu\"")
                .contains("href=\"{{unsubscribe_url}}\"").contains("<li>soup</li>");
        storesOnlySanitisedHtml("<script>alert(1)</script>\n\n[x](javascript:alert(1))");
        // Found by the property: the definition became text of the heading (inert), never a link.
        storesOnlySanitisedHtml("# # # # # # # # # \n[x]: javascript:alert(1)");
        // Found by the property: a backtick in a link title made each sanitising pass add a space.
        storesOnlySanitisedHtml("[x]: javascript:alert(1)\n'# `# # # # # # [x]# ");
    }

    @Test
    void anAttributeWithABacktickIsStableUnderSanitising() {
        String once = engine.sanitize("<a href=\"https://shop.example/\" title=\"`quoted` \">x</a><img src=\"https://shop.example/a.png\" alt=\"a`b\">");
        assertThat(engine.sanitize(once)).isEqualTo(once);
        assertThat(engine.sanitize(engine.sanitize(once))).isEqualTo(once);
    }

    private static final java.util.Set<String> URL_ATTRIBUTES =
            java.util.Set.of("href", "src", "action", "formaction", "xlink:href", "background", "poster", "cite", "srcset");

    private void storesOnlySanitisedHtml(String markdown) {
        String stored;
        try {
            stored = engine.sanitize(MarkdownRenderer.render(markdown));
        } catch (ValidationException refused) {
            return;
        }
        assertThat(engine.sanitize(stored)).as("sanitising the stored HTML again").isEqualTo(stored);
        for (Element e : Jsoup.parseBodyFragment(stored).body().getAllElements()) {
            assertThat(e.tagName()).isNotIn("script", "iframe", "form", "input", "svg", "style", "object", "embed");
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
                // A URL attribute must not run script; text attributes (alt, title) may say anything.
                if (URL_ATTRIBUTES.contains(a.getKey().toLowerCase(Locale.ROOT))) {
                    assertThat(a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "")).doesNotContain("javascript:")
                            .doesNotStartWith("data:");
                }
            }
        }
    }
}
