package org.optline.campaign;

import com.samskivert.mustache.Template;
import java.util.List;
import java.util.Map;
import org.optline.platform.HeaderText;

/**
 * A message's content compiled once per campaign: the subject, the sanitised HTML and the text
 * part as JMustache templates. Rendering takes a map of strings only, so a template can reach
 * nothing but the values it is given.
 */
public final class CompiledContent {

    private static final int MAX_SUBJECT = 998;

    private final Template subject;
    private final Template html;
    private final Template text;
    private final String sanitizedHtml;
    private final List<String> mergeNames;
    /** The three templates' sources as compiled, merge tags in their canonical form. */
    private final String sources;

    CompiledContent(Template subject, Template html, Template text, String sanitizedHtml, List<String> mergeNames, String sources) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.sanitizedHtml = sanitizedHtml;
        this.mergeNames = mergeNames;
        this.sources = sources;
    }

    /**
     * Whether any of the templates could read the value {@code name}: false only when the name
     * appears nowhere in them, so a value left out on that answer is one no template can print
     * (partials are refused, and a mustache tag names its value literally).
     */
    public boolean mayRead(String name) {
        return sources.contains(name);
    }

    /** The HTML after sanitising, merge tags still in place (what previews and the editor show). */
    public String sanitizedHtml() {
        return sanitizedHtml;
    }

    /** The merge tags the content uses. */
    public List<String> mergeNames() {
        return mergeNames;
    }

    /** Renders one message; the subject is one line (CR and LF become spaces) of at most 998 characters. */
    public RenderedContent render(Map<String, String> values) {
        String s = HeaderText.oneLine(subject.execute(values));
        return new RenderedContent(s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s, html.execute(values),
                text.execute(values));
    }

    /** One rendered message. */
    public record RenderedContent(String subject, String html, String text) {}
}
