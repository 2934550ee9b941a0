package org.optline.campaign.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.platform.ValidationException;

/**
 * Client-written merge tags, checked and rewritten before JMustache sees them: {@code {{name|there}}}
 * (a default) becomes a section pair; unescaped output ({@code {{{x}}}}, {@code {{&x}}}) and
 * partials are refused, so a subscriber's own data can never become markup in someone's mail.
 * So is {@code this}, which JMustache reads as the whole context: it would print every value a
 * message is rendered with, signed links included, under no name of its own.
 */
public final class MergeTags {

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*\\|(.*)", Pattern.DOTALL);

    private MergeTags() {}

    /** The Mustache source for {@code source}, or a validation error naming {@code field} and the line. */
    public static String rewrite(String field, String source) {
        if (source == null) {
            return "";
        }
        if (source.contains("{{{") || source.contains("{{&")) {
            throw ValidationException.of(field, "line " + line(source, Math.max(source.indexOf("{{{"), source.indexOf("{{&")))
                    + ": unescaped output ({{{…}}} or {{&…}}) is not allowed");
        }
        Matcher m = TAG.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1);
            String trimmed = inner.strip();
            String replacement;
            Matcher d = WITH_DEFAULT.matcher(inner);
            if (d.matches()) {
                String name = d.group(1);
                refuseThis(field, source, m.start(), name);
                String fallback = d.group(2).strip();
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
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
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
