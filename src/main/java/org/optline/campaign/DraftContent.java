package org.optline.campaign;

import org.optline.campaign.render.MarkdownRenderer;
import org.optline.platform.TextFields;

/**
 * Content as the editor holds it: its format, and the HTML or the Markdown that format names.
 * Markdown is rendered to HTML here, once, before the HTML is sanitised like any other.
 */
public record DraftContent(String format, String html, String markdown) {

    /** The HTML the content stands for (rendered from the Markdown in that format), checked for length. */
    String asHtml() {
        if (ContentFormat.fromWire(format) == ContentFormat.MARKDOWN) {
            TextFields.atMost("markdown", markdown, ContentLimits.MAX_CONTENT);
            return markdown == null ? "" : MarkdownRenderer.render(markdown);
        }
        TextFields.atMost("html", html, ContentLimits.MAX_CONTENT);
        return html == null ? "" : html;
    }

    /**
     * {@code c} with its HTML rendered from its Markdown when it is written in Markdown (the source
     * is kept to edit further); in the other formats the HTML is the source and none is kept.
     */
    static Campaign rendered(Campaign c) {
        if (c.format() != ContentFormat.MARKDOWN) {
            return c.toBuilder().source(null).build();
        }
        TextFields.atMost("markdown", c.source(), ContentLimits.MAX_CONTENT);
        String source = c.source() == null ? "" : c.source();
        return c.toBuilder().source(source).html(source.isBlank() ? null : MarkdownRenderer.render(source)).build();
    }
}
