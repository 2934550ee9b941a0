package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.junit.jupiter.api.Test;
import org.optline.platform.ValidationException;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * For any campaign HTML built from pieces of mail markup, merge tags (nested {@code {{}, defaults
 * holding markup, sections across attributes, tags in links and styles) and the usual attacks
 * (script, iframe, form, event handlers, javascript: links), rendered with hostile values: either
 * the engine refuses it, or what it renders, and what it would store, holds only the allow-listed
 * elements and attributes and links of safe schemes, read back with jsoup as a mail client would.
 */
class ContentSanitisingProperties {

    private static final Set<String> ELEMENTS = Set.of("a", "abbr", "b", "blockquote", "br", "center", "code", "div", "em",
            "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "span", "strong",
            "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul");
    private static final Set<String> GLOBAL = Set.of("class", "dir", "lang", "style");
    private static final Set<String> LAYOUT = Set.of("align", "valign", "bgcolor", "width", "height", "border", "cellpadding",
            "cellspacing", "colspan", "rowspan");
    private static final Set<String> LAYOUT_ELEMENTS = Set.of("table", "tr", "td", "th", "tbody", "thead", "tfoot", "div", "p",
            "img", "center", "h1", "h2", "h3", "h4", "h5", "h6");
    private static final Map<String, Set<String>> OWN = Map.of("a", Set.of("href", "title", "target"),
            "img", Set.of("src", "alt", "width", "height", "border"), "font", Set.of("color", "face", "size"));
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private static final List<String> FRAGMENTS = List.of(
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<table><tr><td>", "</td></tr></table>", "<a href=\"https://shop.example/\">",
            "</a>", "<img src=\"https://shop.example/a.png\" alt=\"a\">", "<br>", "Hello ", "friend", "\n", " ", "\"", "'", "<", ">",
            "=", "&", "&amp;", "&lt;script&gt;",
            "<script>alert(1)</script>", "<script>", "</script>", "<iframe src=\"https://evil.example\"></iframe>", "<iframe>",
            "<form action=\"https://evil.example\">", "<input name=pw>", "</form>", "<img src=x onerror=alert(1)>",
            "<p onclick=\"alert(1)\">", "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">", "<a href=\"JaVaScRiPt:alert(1)\">",
            "<a href=\"java&#115;cript:alert(1)\">", "<a href=\" javascript:alert(1)\">", "<a href=\"data:text/html,<script>\">",
            "<p style=\"background:url(javascript:alert(1))\">", "<p style=\"color: red\">", "<style>p { color: red } a { x: y }</style>",
            "<object data=x>", "<embed src=x>", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:\">", "<!--", "-->", "<!--[if mso]><script>alert(1)</script><![endif]-->", "<![CDATA[",
            "{{name}}", "{{ name }}", "{{#vip}}", "{{/vip}}", "{{^vip}}", "{{name|friend}}", "{{zz|{{", "{{", "}}", "}",
            "{{unsubscribe_url}}", "{{name|<script>alert(1)</script>}}", "{{name|<img src=x onerror=alert(1)>}}",
            "{{zz|{{<img src=x onerror=alert(1)><form action=https://evil.example>}}", "{{! <script>alert(1)</script> }}",
            "{{{name}}}", "{{&name}}", "{{this}}", "{{> part}}", "<a href=\"{{url}}\">", "<a href=\"{{unsubscribe_url}}\">",
            "<a href=\"{{ webview_url }}\">", "<a href=\"https://shop.example/{{url}}\">", "<a title=\"{{#vip}}\">",
            "<a title=\"{{name|a \"b\" <c>}}\" href=\"https://x.example\">", "<img src=\"{{url}}\">", "<p style=\"font-family: {{url}}\">",
            "<a href=\"{{#vip}}javascript:alert(1){{/vip}}\">", "<a href=\"java{{url}}\">", "<a href=\"{{url|javascript:alert(1)}}\">",
            "\" onmouseover=\"alert(1)", "optlinemerge0x", "<a href=\"optlinemerge0x\">");

    private static final List<String> HOSTILE = List.of("javascript:alert(1)", "\"><script>alert(1)</script>",
            "' onmouseover='alert(1)", "<img src=x onerror=alert(1)>", "{{name}}", "x\u0000y", "", "Ann");

    private final ContentEngine engine = new ContentEngine();

    @Test
    void nothingOutsideTheAllowListSurvivesRender() {
        Gen<String> html = lists().of(Generate.pick(FRAGMENTS)).ofSizeBetween(1, 24).map(parts -> String.join("", parts));
        Gen<List<String>> values = lists().of(Generate.pick(HOSTILE)).ofSize(3);
        qt().withExamples(3000).withShrinkCycles(200).forAll(html, values).checkAssert(this::rendersOnlyAllowedHtml);
    }

    @Test
    void theIssuesPayloadIsRefusedAndNothingOfItRenders() {
        rendersOnlyAllowedHtml(ContentEngineTest.BYPASS, List.of("", "", ""));
    }

    @Test
    void theUnclosedTagTheSearchOnceFoundIsAValidationError() {
        rendersOnlyAllowedHtml("<p></p>{{zz|{{}</p></p></p>", List.of("javascript:alert(1)", "javascript:alert(1)", "javascript:alert(1)"));
    }

    private void rendersOnlyAllowedHtml(String html, List<String> hostile) {
        CompiledContent content;
        String stored;
        try {
            stored = engine.sanitize(html);
            content = engine.compile(new ContentEngine.Source("s", html, null));
        } catch (ValidationException refused) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", hostile.get(0));
        values.put("url", hostile.get(1));
        values.put("vip", hostile.get(2));
        values.put("unsubscribe_url", "https://optline.example/s/unsubscribe/t");
        values.put("webview_url", "https://optline.example/s/view/t");
        String rendered = content.render(values).html();
        assertThat(violations(rendered)).as("rendered from %s with %s:%n%s", html, values, rendered).isEmpty();
        assertThat(violations(stored)).as("stored from %s:%n%s", html, stored).isEmpty();
        assertThat(violations(content.sanitizedHtml())).as("compiled from %s", html).isEmpty();
    }

    /** Everything in {@code html} outside the allow-list, as a mail client's parser reads it. */
    static List<String> violations(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        List<String> out = new ArrayList<>();
        for (Element e : doc.body().getAllElements()) {
            if (e == doc.body()) {
                continue;
            }
            String tag = e.normalName();
            if (!ELEMENTS.contains(tag)) {
                out.add("element <" + tag + ">");
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                boolean allowed = GLOBAL.contains(key) || OWN.getOrDefault(tag, Set.of()).contains(key)
                        || (LAYOUT_ELEMENTS.contains(tag) && LAYOUT.contains(key));
                if (!allowed) {
                    out.add("attribute " + key + " on <" + tag + ">");
                }
                if (key.equals("href") || key.equals("src")) {
                    String scheme = scheme(a.getValue());
                    if (scheme != null && !SCHEMES.contains(scheme)) {
                        out.add("scheme " + scheme + " in " + key);
                    }
                }
                if (key.equals("style")) {
                    String css = a.getValue().toLowerCase(Locale.ROOT).replaceAll("[\\s\\\\]", "");
                    for (String bad : List.of("javascript:", "expression(", "behavior:", "@import", "url(")) {
                        if (css.contains(bad)) {
                            out.add("style with " + bad);
                        }
                    }
                }
            }
        }
        for (Node n : doc.body().childNodes()) {
            collectComments(n, out);
        }
        return out;
    }

    private static void collectComments(Node node, List<String> out) {
        // The sanitiser itself writes "{<!-- -->{" to keep a stray "{{" from reading as a template tag.
        if (node instanceof Comment c && !c.getData().isBlank()) {
            out.add("comment " + c.getData());
        }
        for (Node child : node.childNodes()) {
            collectComments(child, out);
        }
    }

    /** The scheme a browser reads from a URL (control characters and spaces dropped), or null for a relative one. */
    private static String scheme(String url) {
        String u = url.replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                return u.substring(0, i);
            }
            if (c == '/' || c == '?' || c == '#') {
                return null;
            }
        }
        return null;
    }
}
