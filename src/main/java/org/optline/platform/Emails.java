package org.optline.platform;

import java.util.Locale;
import java.util.regex.Pattern;

/** Login email addresses: trimmed, lower-cased, and plausibly shaped. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$");

    private Emails() {}

    /** The normalised address, or a validation error naming {@code field}. */
    public static String normalizeLogin(String field, String raw) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw ValidationException.of(field, "is required");
        }
        if (!SHAPE.matcher(email).matches()) {
            throw ValidationException.of(field, "is not an email address");
        }
        return email;
    }
}
