package org.optline.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** What a user or API key may do; operators belong to no client, the other roles to exactly one. */
public enum Role {
    OPERATOR, CLIENT_ADMIN, MARKETER, ANALYST;

    /** Every role inside a client: who sees a client page anyone of the client may read. */
    public static final Set<Role> IN_CLIENT = Set.of(CLIENT_ADMIN, MARKETER, ANALYST);

    /** The client roles that may change things (analysts only read). */
    public static final Set<Role> CLIENT_WRITERS = Set.of(CLIENT_ADMIN, MARKETER);

    /** The lower-case name used in JSON, forms and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_CLIENT_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isClientRole() {
        return this != OPERATOR;
    }

    /** Parses a wire name; unknown names are a validation error, never a default. */
    public static Role fromWire(String value) {
        return Arrays.stream(values())
                .filter(r -> r.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> ValidationException.of("role",
                        "must be one of operator, client_admin, marketer, analyst"));
    }
}
