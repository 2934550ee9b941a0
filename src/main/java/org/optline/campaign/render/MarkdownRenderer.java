package org.optline.campaign.render;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * CommonMark to HTML. Raw HTML in the Markdown is passed on as written: the result is sanitised
 * for email like any other campaign HTML, so this renderer need not be a security boundary.
 * Merge tags ({@code {{name|there}}}) are plain text to CommonMark and come out unchanged.
 */
public final class MarkdownRenderer {

    // Both are immutable and thread-safe once built.
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

    private MarkdownRenderer() {}

    public static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
