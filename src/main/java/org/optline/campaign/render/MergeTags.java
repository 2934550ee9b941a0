package org.optline.campaign.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;
import org.optline.platform.ValidationException;

/**
 * Client-written merge tags, checked and rewritten before JMustache sees them: {@code {{name|there}}}
 * (a default) becomes a section pair; unescaped output ({@code {{{x}}}}, {@code {{&x}}}) and
 * partials are refused, so a subscriber's own data can never become markup in someone's mail.
 * So is {@code this}, which JMustache reads as the whole context: it would print every value a
 * message is rendered with, signed links included, under no name of its own.
 *
 * <p>A default is plain text: it may not hold {@code {{}, and in the HTML part it is escaped like
 * a value (entities written in it are read first, so {@code Tom &amp; Jerry} stays as written).
 * Otherwise a default such as {@code {{x|{{<script>…}}} would reach the sanitiser as one opaque
 * tag and come out as markup. Comments ({@code {{! … }}}) print nothing and are dropped here, so
 * no text the sanitiser has not seen stays in the stored content.
 */
public final class MergeTags {

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*\\|(.*)", Pattern.DOTALL);

    private MergeTags() {}

    /** The Mustache source for a plain-text {@code source} (subject, text part), or a validation error naming {@code field} and the line. */
    public static String rewrite(String field, String source) {
        return rewrite(field, source, false);
    }

    /** The Mustache source for an HTML {@code source}: as {@link #rewrite(String, String)}, defaults escaped as text. */
    public static String rewriteHtml(String field, String source) {
        return rewrite(field, source, true);
    }

    /**
     * The HTML {@code source} with its merge tags checked and kept as written, defaults escaped as
     * text and comments dropped: the form in which content is sanitised and stored.
     */
    public static String plainDefaults(String field, String source) {
        rewriteHtml(field, source);
        Matcher m = TAG.matcher(source == null ? "" : source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher d = WITH_DEFAULT.matcher(m.group(1));
            String replacement = d.matches() ? "{{" + d.group(1) + "|" + htmlText(d.group(2).strip()) + "}}"
                    : m.group(1).strip().startsWith("!") ? "" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String rewrite(String field, String source, boolean html) {
        if (source == null) {
            return "";
        }
        if (source.contains("{{{") || source.contains("{{&")) {
            throw ValidationException.of(field, "line " + line(source, Math.max(source.indexOf("{{{"), source.indexOf("{{&")))
                    + ": unescaped output ({{{…}}} or {{&…}}) is not allowed");
        }
        Matcher m = TAG.matcher(source);
        StringBuilder out = new StringBuilder();
        int lastEnd = 0;
        while (m.find()) {
            String inner = m.group(1);
            String trimmed = inner.strip();
            if (inner.contains("{{")) {
                throw ValidationException.of(field, "line " + line(source, m.start()) + ": a merge tag cannot hold '{{'; "
                        + "a default is plain text, as in {{name|there}}");
            }
            String replacement;
            Matcher d = WITH_DEFAULT.matcher(inner);
            if (d.matches()) {
                String name = d.group(1);
                refuseThis(field, source, m.start(), name);
                String fallback = html ? htmlText(d.group(2).strip()) : d.group(2).strip();
                replacement = "{{#" + name + "}}{{" + name + "}}{{/" + name + "}}{{^" + name + "}}" + fallback + "{{/" + name + "}}";
            } else if (trimmed.startsWith(">") || trimmed.startsWith("=")) {
                throw ValidationException.of(field, "line " + line(source, m.start()) + ": {{" + trimmed
                        + "}} is not supported (no partials or delimiter changes)");
            } else {
                String name = trimmed.startsWith("#") || trimmed.startsWith("^") || trimmed.startsWith("/") ? trimmed.substring(1).strip()
                        : trimmed.startsWith("!") ? null : trimmed;
                if (name != null && !NAME.matcher(name).matches()) {
                    throw ValidationException.of(field, "line " + line(source, m.start()) + ": '" + trimmed
                            + "' is not a merge tag; use a field key such as {{name}} or {{name|there}}");
                }
                refuseThis(field, source, m.start(), name);
                replacement = name == null ? "" : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            lastEnd = m.end();
        }
        // The tag pattern matches up to the first "}}", so a "{{" after the last match has none.
        int unclosed = source.indexOf("{{", lastEnd);
        if (unclosed >= 0) {
            throw ValidationException.of(field, "line " + line(source, unclosed) + ": a merge tag is not closed; write it as {{name}}");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names a source uses, for checking them against the client's fields. */
    public static List<String> names(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = TAG.matcher(source == null ? "" : source);
        while (m.find()) {
            String inner = m.group(1).strip();
            Matcher d = WITH_DEFAULT.matcher(inner);
            String name = d.matches() ? d.group(1) : inner.replaceFirst("^[#^/]", "").strip();
            if (NAME.matcher(name).matches() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** A default as HTML text: the entities in it read, then {@code & < > " '} written as entities again. */
    private static String htmlText(String fallback) {
        String text = Parser.unescapeEntities(fallback, false);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void refuseThis(String field, String source, int offset, String name) {
        if ("this".equals(name)) {
            throw ValidationException.of(field, "line " + line(source, offset)
                    + ": {{this}} is not a merge tag; use a field key such as {{name}} or {{name|there}}");
        }
    }

    static int line(String source, int offset) {
        int line = 1;
        for (int i = 0; i < Math.max(0, offset) && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
