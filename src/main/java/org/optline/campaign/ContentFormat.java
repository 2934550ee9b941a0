package org.optline.campaign;

import java.util.Locale;
import org.optline.platform.ValidationException;

/**
 * How a campaign's content is written: raw HTML, Markdown (kept as written, rendered to HTML when
 * saved) or rich text (HTML written in a WYSIWYG editor). All three are sent as sanitised HTML.
 */
public enum ContentFormat {
    HTML, MARKDOWN, RICHTEXT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a client named; none means HTML, so clients that predate formats keep working. */
    public static ContentFormat fromWire(String value) {
        if (value == null || value.isBlank()) {
            return HTML;
        }
        for (ContentFormat f : values()) {
            if (f.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw ValidationException.of("format", "must be one of html, markdown, richtext");
    }
}
