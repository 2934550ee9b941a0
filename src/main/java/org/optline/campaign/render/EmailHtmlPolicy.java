package org.optline.campaign.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.optline.platform.ValidationException;
import org.owasp.html.CssSchema;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamEventReceiverWrapper;
import org.owasp.html.PolicyFactory;

/**
 * The HTML clients may put in a message (STANDARDS 7.55): the elements and attributes email
 * clients render, links only to http, https and mailto, inline styles through the sanitiser's CSS
 * schema; no script, no event handlers, no forms, no iframes. Merge tags survive: they are swapped
 * for inert words before sanitising and put back after, so {@code href="{{unsubscribe_url}}"} is
 * kept while {@code href="javascript:…"} is not.
 *
 * <p>Only a well-formed tag is swapped (a name, a section mark, a default of plain text as
 * {@link MergeTags#plainDefaults} writes it); anything else between braces is left for the
 * sanitiser to read as HTML. A tag kept in an attribute is then checked where it stands, because
 * the value it prints there is escaped for HTML but not read as a URL or CSS: a link or image
 * address may start with a tag only if it is one of Optline's own links (whose values are always
 * http or https), so a subscriber's value can never choose the scheme; no tag in a {@code style}
 * attribute, whose value would be CSS the schema never saw; and a section ({@code {{#x}}…{{/x}}})
 * begun in an attribute ends in it, so leaving the section out cannot join the text after it to
 * the tag.
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
            .allowStyling(CssSchema.union(CssSchema.DEFAULT,
                    CssSchema.withProperties(List.of("display", "overflow", "max-height", "max-width",
                            "min-width", "opacity"))))
            .withPreprocessor(EmailHtmlPolicy::backtickValuesWithoutTrailingSpace)
            .toFactory();

    /** A well-formed merge tag: a name, a section mark or end, or a name with a plain-text default. */
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/]?)\\s*([a-z][a-z0-9_]*)\\s*(\\|(?:[^{}<>\"']|\\{(?!\\{)|}(?!}))*)?}}");

    /** The links Optline makes itself, always absolute http(s) addresses: the only tags a link or image address may start with. */
    private static final Set<String> OWN_LINKS = Set.of("unsubscribe_url", "preferences_url", "webview_url");

    private EmailHtmlPolicy() {}

    public static String sanitize(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        // A word the client's HTML does not contain, so no text of theirs is taken for a held tag.
        String prefix = "optlinemerge";
        while (html.contains(prefix)) {
            prefix += "q";
        }
        Map<String, Matcher> held = new HashMap<>();
        Matcher m = TAG.matcher(html);
        StringBuilder protectedHtml = new StringBuilder();
        int n = 0;
        while (m.find()) {
            String token = prefix + (n++) + "x";
            held.put(token, TAG.matcher(m.group()));
            held.get(token).matches();
            m.appendReplacement(protectedHtml, token);
        }
        m.appendTail(protectedHtml);
        String clean = POLICY.sanitize(protectedHtml.toString());
        if (!held.isEmpty()) {
            checkAttributes(clean, Pattern.compile(Pattern.quote(prefix) + "\\d+x"), held);
        }
        for (Map.Entry<String, Matcher> e : held.entrySet()) {
            clean = clean.replace(e.getKey(), e.getValue().group());
        }
        return clean;
    }

    /**
     * The sanitiser appends a space to any attribute value holding a backtick (old Internet
     * Explorer read a backtick as a quote). Left alone, each sanitising pass would grow the value by
     * one space, so stored HTML would change every time it is saved; trailing spaces of such a value
     * are dropped first, and the one space the sanitiser adds is the only one kept.
     */
    private static HtmlStreamEventReceiver backtickValuesWithoutTrailingSpace(HtmlStreamEventReceiver next) {
        return new HtmlStreamEventReceiverWrapper(next) {
            @Override
            public void openTag(String elementName, List<String> attrs) {
                List<String> kept = new ArrayList<>(attrs);
                for (int i = 1; i < kept.size(); i += 2) {
                    if (kept.get(i).indexOf('`') >= 0) {
                        kept.set(i, kept.get(i).stripTrailing());
                    }
                }
                underlying.openTag(elementName, kept);
            }
        };
    }

    private static void checkAttributes(String clean, Pattern token, Map<String, Matcher> held) {
        for (Element element : Jsoup.parseBodyFragment(clean).getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                Matcher t = token.matcher(attribute.getValue());
                ArrayDeque<String> open = new ArrayDeque<>();
                boolean first = true;
                while (t.find()) {
                    Matcher tag = held.get(t.group());
                    String shown = tag.group();
                    if ("style".equals(attribute.getKey())) {
                        throw refused(shown + " cannot be used in a style attribute; its value would be CSS");
                    }
                    if (first && ("href".equals(attribute.getKey()) || "src".equals(attribute.getKey()))) {
                        String before = attribute.getValue().substring(0, t.start());
                        boolean schemeSet = before.chars().anyMatch(c -> c == ':' || c == '/' || c == '?' || c == '#');
                        if (!schemeSet && !(tag.group(1).isEmpty() && tag.group(3) == null && OWN_LINKS.contains(tag.group(2)))) {
                            throw refused("a link or image address cannot start with " + shown
                                    + "; write its start (such as https://) before the merge tag");
                        }
                    }
                    first = false;
                    switch (tag.group(1)) {
                        case "#", "^" -> open.push(tag.group(2));
                        case "/" -> {
                            if (open.isEmpty() || !open.pop().equals(tag.group(2))) {
                                throw refused(shown + " closes a section that did not begin in the same attribute");
                            }
                        }
                        default -> { }
                    }
                }
                if (!open.isEmpty()) {
                    throw refused("{{#" + open.peek() + "}} in an attribute must end ({{/" + open.peek() + "}}) in the same attribute");
                }
            }
        }
    }

    private static ValidationException refused(String message) {
        return ValidationException.of("html", message);
    }
}
