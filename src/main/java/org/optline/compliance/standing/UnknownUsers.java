package org.optline.compliance.standing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a hard bounce that says the mailbox does not exist: enhanced status 5.1.0 (bad address),
 * 5.1.1 (no such mailbox) or 5.1.10 (null MX), or a reply in words ("user unknown"). A list with
 * many of these was not collected from the people on it, or has not been mailed for years.
 */
final class UnknownUsers {

    private static final Pattern STATUS = Pattern.compile("(?<![0-9.])5\\.1\\.(0|1|10)(?![0-9])");

    private UnknownUsers() {}

    /** Whether a bounce with this enhanced status and these words is an unknown user; either may be null. */
    static boolean is(String status, String words) {
        return matches(status) || matches(words);
    }

    private static boolean matches(String text) {
        if (text == null) {
            return false;
        }
        return STATUS.matcher(text).find() || text.toLowerCase(Locale.ROOT).contains("user unknown");
    }
}
