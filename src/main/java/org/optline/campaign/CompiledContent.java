package org.optline.campaign;

import com.samskivert.mustache.Template;
import java.io.Writer;
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
    /** The subject's and the text part's sources as compiled (the HTML's is {@link #sanitizedHtml}). */
    private final String subjectSource;
    private final String textSource;

    CompiledContent(Template subject, Template html, Template text, String subjectSource, String sanitizedHtml, String textSource,
                    List<String> mergeNames) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.subjectSource = subjectSource;
        this.sanitizedHtml = sanitizedHtml;
        this.textSource = textSource;
        this.mergeNames = mergeNames;
    }

    /**
     * Whether any of the templates could read the value {@code name}: false only when the name
     * appears nowhere in them, so a value left out on that answer is one no template can print
     * (partials are refused, and a mustache tag names its value literally).
     */
    public boolean mayRead(String name) {
        return subjectSource.contains(name) || sanitizedHtml.contains(name) || textSource.contains(name);
    }

    /** The HTML after sanitising, merge tags still in place (what previews and the editor show). */
    public String sanitizedHtml() {
        return sanitizedHtml;
    }

    /** The text part's source as compiled, merge tags still in place. */
    public String textSource() {
        return textSource;
    }

    /** The merge tags the content uses. */
    public List<String> mergeNames() {
        return mergeNames;
    }

    /** Renders one message; the subject is one line (CR and LF become spaces) of at most 998 characters. */
    public RenderedContent render(Map<String, String> values) {
        String s = HeaderText.oneLine(execute(subject, values, 128));
        return new RenderedContent(s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s,
                execute(html, values, sanitizedHtml.length()), execute(text, values, textSource.length()));
    }

    /**
     * Runs a template into a builder sized for the text with its values in: JMustache's own
     * {@code execute} writes into a {@code StringWriter}, whose buffer locks on every append and
     * grows by copying from sixteen characters up (together a fifth of rendering a 5 KB message).
     */
    private static String execute(Template template, Map<String, String> values, int length) {
        TextWriter out = new TextWriter(length + length / 4 + 256);
        template.execute(values, out);
        return out.text.toString();
    }

    /** A writer into a {@link StringBuilder}, which takes no lock; one message, one thread. */
    private static final class TextWriter extends Writer {
        final StringBuilder text;

        TextWriter(int capacity) {
            text = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(String s, int off, int len) {
            text.append(s, off, off + len);
        }

        @Override
        public Writer append(CharSequence s) {
            text.append(s);
            return this;
        }

        @Override
        public Writer append(CharSequence s, int start, int end) {
            text.append(s, start, end);
            return this;
        }

        @Override
        public Writer append(char c) {
            text.append(c);
            return this;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** One rendered message. */
    public record RenderedContent(String subject, String html, String text) {}
}
