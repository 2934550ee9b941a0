package org.optline.site.policy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.optline.site.PolicyVersion;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The policy's Markdown as HTML for the site. Two walls against markup in the text: CommonMark
 * escapes raw HTML (it shows as text) and drops unsafe link schemes, and the result then passes
 * an allow-list of the elements a policy needs (headings, paragraphs, lists, emphasis, links to
 * http, https, mailto or the site's own paths; no images, which the site's content policy would
 * refuse anyway). Versions never change, so each is rendered once.
 */
final class PolicyMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "blockquote", "pre", "code",
                    "em", "strong", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .toFactory();

    /** Rendered versions by id; a policy has tens of versions over its life. */
    private static final Map<UUID, String> RENDERED = new ConcurrentHashMap<>();

    private PolicyMarkdown() {}

    static String html(PolicyVersion version) {
        return RENDERED.computeIfAbsent(version.id(), id -> html(version.text()));
    }

    static String html(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }
}
