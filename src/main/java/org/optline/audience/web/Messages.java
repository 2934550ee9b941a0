package org.optline.audience.web;

import org.optline.platform.ValidationException;

/** Turns domain errors into one readable sentence for a page. */
final class Messages {

    private Messages() {}

    static String of(RuntimeException e) {
        if (e instanceof ValidationException v && !v.errors().isEmpty()) {
            var first = v.errors().get(0);
            String field = first.field().startsWith("fields.") ? first.field().substring(7) : first.field();
            return capitalise(field) + " " + first.message() + ".";
        }
        return e.getMessage();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
