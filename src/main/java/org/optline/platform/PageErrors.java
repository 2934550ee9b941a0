package org.optline.platform;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A refused request told on a page, in sentences a person reads: "Postal address is required."
 * for each field a {@link ValidationException} names, and any other domain exception's message
 * ending in a full stop. The API says the same in problem JSON; pages of every module say it here.
 */
public final class PageErrors {

    private PageErrors() {}

    /** The problem as sentences, each field named in words ("fromName" reads "From name"). */
    public static String sentence(RuntimeException e) {
        return sentence(e, Map.of());
    }

    /** As {@link #sentence(RuntimeException)}, with the page's own words for some fields. */
    public static String sentence(RuntimeException e, Map<String, String> labels) {
        if (e instanceof ValidationException v && !v.errors().isEmpty()) {
            return v.errors().stream()
                    .map(f -> fullStop(labels.getOrDefault(f.field(), words(f.field())) + " " + f.message()))
                    .collect(Collectors.joining(" "));
        }
        return e.getMessage() == null ? null : fullStop(e.getMessage());
    }

    /**
     * A field name in words: a custom field's key as it is ({@code fields.plan} reads "Plan"),
     * camel case split ({@code postalAddress} reads "Postal address").
     */
    static String words(String field) {
        String name = field.startsWith("fields.") ? field.substring("fields.".length()) : field;
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c) && !field.startsWith("fields.")) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String fullStop(String s) {
        String text = s.strip();
        return text.isEmpty() || ".!?".indexOf(text.charAt(text.length() - 1)) >= 0 ? text : text + ".";
    }
}
