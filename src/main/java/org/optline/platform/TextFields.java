package org.optline.platform;

import java.util.List;

/**
 * The one rule for short text a client names things with (list, segment, template and campaign
 * names, labels, a subscriber's name, a postal address): surrounding blanks are dropped, and what
 * is left is at most a given length. Every module says it in the same words, "is required" and
 * "must be at most N characters".
 */
public final class TextFields {

    private TextFields() {}

    /** The value stripped; refused when blank, or longer than {@code max} once stripped. */
    public static String required(String field, String raw, int max) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw ValidationException.of(field, "is required");
        }
        return atMost(field, value, max);
    }

    /** The value stripped, {@code null} when absent or blank; refused when longer than {@code max} once stripped. */
    public static String optional(String field, String raw, int max) {
        String value = raw == null ? "" : raw.strip();
        return value.isEmpty() ? null : atMost(field, value, max);
    }

    /** The value as it is ({@code null} allowed); refused when longer than {@code max}. */
    public static String atMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ValidationException.of(field, tooLong(max));
        }
        return value;
    }

    /**
     * As {@link #required} or {@link #optional}, for checks that report every field at once: the
     * value stripped, or null when blank or refused, the refusal added to {@code errors}.
     */
    public static String collect(String field, String raw, int max, boolean required, List<ValidationException.FieldError> errors) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new ValidationException.FieldError(field, "is required"));
            }
            return null;
        }
        if (value.length() > max) {
            errors.add(new ValidationException.FieldError(field, tooLong(max)));
            return null;
        }
        return value;
    }

    /** What a value longer than {@code max} is told, for checks that collect their errors. */
    public static String tooLong(int max) {
        return "must be at most " + max + " characters";
    }
}
