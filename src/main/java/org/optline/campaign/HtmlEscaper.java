package org.optline.campaign;

import com.samskivert.mustache.Mustache;

/**
 * JMustache's HTML escaping in one pass: the same seven characters become the same entities as in
 * {@code Escapers.HTML}, which calls {@code String.replace} once per character, seven scans and up
 * to seven copies of every value of every message. A value with nothing to escape, most names
 * and every link Optline makes, comes back as it is. {@code HtmlEscaperProperties} checks that the
 * output is JMustache's for any text.
 */
final class HtmlEscaper implements Mustache.Escaper {

    static final HtmlEscaper INSTANCE = new HtmlEscaper();

    private HtmlEscaper() {}

    @Override
    public String escape(String raw) {
        int n = raw.length();
        int i = 0;
        while (i < n && entity(raw.charAt(i)) == null) {
            i++;
        }
        if (i == n) {
            return raw;
        }
        StringBuilder escaped = new StringBuilder(n + 16).append(raw, 0, i);
        for (; i < n; i++) {
            char c = raw.charAt(i);
            String entity = entity(c);
            if (entity == null) {
                escaped.append(c);
            } else {
                escaped.append(entity);
            }
        }
        return escaped.toString();
    }

    private static String entity(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '\'' -> "&#39;";
            case '"' -> "&quot;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '`' -> "&#x60;";
            case '=' -> "&#x3D;";
            default -> null;
        };
    }
}
