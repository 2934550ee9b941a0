package org.optline.campaign.render;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The HTML clients may put in a message (STANDARDS 7.55): the elements and attributes email
 * clients render, links only to http, https and mailto, inline styles through the sanitiser's CSS
 * schema; no script, no event handlers, no forms, no iframes. Merge tags survive: they are swapped
 * for inert words before sanitising and put back after, so {@code href="{{unsubscribe_url}}"} is
 * kept while {@code href="javascript:…"} is not.
 */
public final class EmailHtmlPolicy {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("a", "abbr", "b", "blockquote", "br", "center", "code", "div", "em", "font", "h1", "h2", "h3",
                    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
                    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title", "target").onElements("a")
            .allowAttributes("src", "alt", "width", "height", "border").onElements("img")
            .allowAttributes("align", "valign", "bgcolor", "width", "height", "border", "cellpadding", "cellspacing",
                    "colspan", "rowspan").onElements("table", "tr", "td", "th", "tbody", "thead", "tfoot", "div", "p", "img",
                    "center", "h1", "h2", "h3", "h4", "h5", "h6")
            .allowAttributes("color", "face", "size").onElements("font")
            .allowAttributes("class", "dir", "lang").globally()
            // The default CSS schema plus what email layouts rely on (hidden preheaders, fluid widths).
            .allowStyling(org.owasp.html.CssSchema.union(org.owasp.html.CssSchema.DEFAULT,
                    org.owasp.html.CssSchema.withProperties(java.util.List.of("display", "overflow", "max-height", "max-width",
                            "min-width", "opacity"))))
            .toFactory();

    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);

    private EmailHtmlPolicy() {}

    public static String sanitize(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Map<String, String> held = new HashMap<>();
        Matcher m = TAG.matcher(html);
        StringBuilder protectedHtml = new StringBuilder();
        int n = 0;
        while (m.find()) {
            String token = "optlinemerge" + (n++) + "x";
            held.put(token, m.group());
            m.appendReplacement(protectedHtml, token);
        }
        m.appendTail(protectedHtml);
        String clean = POLICY.sanitize(protectedHtml.toString());
        for (Map.Entry<String, String> e : held.entrySet()) {
            clean = clean.replace(e.getKey(), e.getValue());
        }
        return clean;
    }
}
