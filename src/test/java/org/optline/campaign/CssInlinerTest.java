package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.campaign.render.CssInliner;

/** Style blocks become style attributes; specificity and inline styles decide conflicts. */
class CssInlinerTest {

    @Test
    void rulesMoveIntoStyleAttributesBySpecificityThenOrder() {
        String out = CssInliner.inline("""
                <html><head><style>
                  /* brand */
                  p { color: black; font-size: 14px }
                  .lead { color: navy }
                  #intro { color: green }
                  p { margin: 0 }
                  a:hover { color: red }
                  @media (max-width: 600px) { p { font-size: 12px } }
                </style></head>
                <body><p id="intro" class="lead">Hi</p><p class="lead" style="color: purple">Two</p><p>Three</p></body></html>""");
        assertThat(out).doesNotContain("<style");
        assertThat(out).contains("<p id=\"intro\" class=\"lead\" style=\"color: green; font-size: 14px; margin: 0;\">Hi</p>");
        assertThat(out).contains("style=\"color: purple; font-size: 14px; margin: 0;\">Two</p>");
        assertThat(out).contains("<p style=\"color: black; font-size: 14px; margin: 0;\">Three</p>");
        assertThat(out).doesNotContain("12px").doesNotContain("red");
    }

    @Test
    void inlinedStylesSurviveTheSanitiserAndRender() {
        var engine = new ContentEngine();
        var out = engine.compile(new ContentEngine.Source("s", "<style>.cta { background-color: #ff0000; color: white }</style>"
                + "<p class=\"cta\">Buy {{name}}</p>", null)).render(Map.of("name", "now"));
        assertThat(out.html()).contains("background-color:#ff0000").contains("Buy now").doesNotContain("<style");
    }

    @Test
    void htmlWithoutStyleBlocksIsLeftAlone() {
        String html = "<p>Hello {{name}}</p>";
        assertThat(CssInliner.inline(html)).isSameAs(html);
    }
}
