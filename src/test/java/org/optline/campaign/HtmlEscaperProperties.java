package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.samskivert.mustache.Escapers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Optline's one-pass HTML escaper writes exactly what JMustache's own escaper writes. */
class HtmlEscaperProperties {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("&'\"<>`=a ;#").ofMaxLength(60),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(200),
                Arbitraries.strings().ascii().ofMaxLength(200));
    }

    @Property(tries = 2000)
    void escapesAsJMustacheDoes(@ForAll("texts") String text) {
        assertThat(HtmlEscaper.INSTANCE.escape(text)).isEqualTo(Escapers.HTML.escape(text));
    }

    @Example
    void aValueWithNothingToEscapeComesBackAsItIs() {
        String link = "https://optline.example/s/unsubscribe/AbC-_123";
        assertThat(HtmlEscaper.INSTANCE.escape(link)).isSameAs(link);
        assertThat(HtmlEscaper.INSTANCE.escape("<a href=\"x\">&'`</a>"))
                .isEqualTo("&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&#39;&#x60;&lt;/a&gt;");
    }
}
