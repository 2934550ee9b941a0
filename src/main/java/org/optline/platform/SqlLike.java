package org.optline.platform;

/**
 * Text a person typed, made literal inside a SQL {@code like} pattern: {@code %} and {@code _}
 * would otherwise match anything, so a search for "a_b" found "axb". The statement declares the
 * escape character: {@code like :pattern escape '\'} (H2 and PostgreSQL alike).
 */
public final class SqlLike {

    private SqlLike() {}

    /** {@code value} with the backslash, {@code %} and {@code _} escaped by a backslash. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
