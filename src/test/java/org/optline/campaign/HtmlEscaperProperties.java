package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.samskivert.mustache.Escapers;
import org.junit.jupiter.api.Test;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Optline's one-pass HTML escaper writes exactly what JMustache's own escaper writes. */
class HtmlEscaperProperties {

    private static Gen<String> texts() {
        return Generate.oneOf(
                Texts.ofChars("&'\"<>`=a ;#", 0, 60),
                Texts.inRange('\u0000', '\uffff', 0, 200),
                Texts.inRange('\u0000', '\u007f', 0, 200));
    }

    @Test
    void escapesAsJMustacheDoes() {
        qt().withExamples(2000).forAll(texts()).checkAssert(text ->
                assertThat(HtmlEscaper.INSTANCE.escape(text)).isEqualTo(Escapers.HTML.escape(text)));
    }

    @Test
    void aValueWithNothingToEscapeComesBackAsItIs() {
        String link = "https://optline.example/s/unsubscribe/AbC-_123";
        assertThat(HtmlEscaper.INSTANCE.escape(link)).isSameAs(link);
        assertThat(HtmlEscaper.INSTANCE.escape("<a href=\"x\">&'`</a>"))
                .isEqualTo("&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&#39;&#x60;&lt;/a&gt;");
    }
}
