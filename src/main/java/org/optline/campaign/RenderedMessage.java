package org.optline.campaign;

/**
 * A campaign as one subscriber gets it: subject, HTML and text part, merge tags filled and the
 * footer in place. Previews are the same, with preview links in place of the subscriber's own.
 */
public record RenderedMessage(String subject, String html, String text) {

    static RenderedMessage of(CompiledContent.RenderedContent content) {
        return new RenderedMessage(content.subject(), content.html(), content.text());
    }
}
