package org.optline.platform;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A refused request told on a page, in sentences a person reads: "Postal address is required."
 * for each field a {@link ValidationException} names, and any other domain exception's message
 * starting with a capital and ending in a full stop. A field message that is already a sentence
 * of its own (it starts with a capital: "Set up example.com as a sending domain …") is told
 * without the field's name. The API says the same in problem JSON; pages of every module say it here.
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
                    .map(f -> fullStop(startsAsSentence(f.message()) ? f.message()
                            : labels.getOrDefault(f.field(), words(f.field())) + " " + f.message()))
                    .collect(Collectors.joining(" "));
        }
        return e.getMessage() == null ? null : fullStop(capitalised(e.getMessage().strip()));
    }

    /**
     * The page's words for custom fields, from their keys and labels: a subscriber page tells
     * "VIP must be true or false." rather than the key's "Vip".
     */
    public static Map<String, String> customFieldLabels(Map<String, String> labelsByKey) {
        return labelsByKey.entrySet().stream().collect(Collectors.toMap(e -> "fields." + e.getKey(), Map.Entry::getValue));
    }

    private static boolean startsAsSentence(String message) {
        return !message.isEmpty() && Character.isUpperCase(message.charAt(0));
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /**
     * A field name in words: a custom field's key with spaces for underscores ({@code fields.loyalty_tier}
     * reads "Loyalty tier"), camel case split ({@code postalAddress} reads "Postal address").
     */
    static String words(String field) {
        String name = field.startsWith("fields.") ? field.substring("fields.".length()) : field;
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(c));
            } else if (c == '_') {
                out.append(' ');
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
