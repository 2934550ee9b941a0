package org.optline.campaign;

import org.optline.platform.ValidationException;

/** How long what a client writes may be, and the checks that say so. */
final class ContentLimits {

    /** A subject is one header line: RFC 5322 allows 998 characters. */
    static final int MAX_SUBJECT = 998;
    static final int MAX_PREHEADER = 500;
    /** HTML, text part and template, each: far above any real message, small enough to compile and store at once. */
    static final int MAX_CONTENT = 500_000;
    /** Names of campaigns and templates, and the sender's name. */
    static final int MAX_NAME = 200;

    private ContentLimits() {}

    static void atMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ValidationException.of(field, "must be at most " + max + " characters");
        }
    }

    /** The value stripped; refused when blank or longer than {@code max} once stripped. */
    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ValidationException.of(field, "is required");
        }
        if (value.strip().length() > max) {
            throw ValidationException.of(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }
}
