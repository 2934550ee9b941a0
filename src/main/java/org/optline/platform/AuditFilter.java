package org.optline.platform;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the audit log is narrowed to; every part may be null (no narrowing). {@code actor}: part
 * of who acted (a login or key label, any letter case); {@code action}: an action or its start
 * ("user." for every user action); {@code from} and {@code to}: days in UTC, both included;
 * {@code clientId}: one client (operators only; a client's admin always sees only their client).
 */
public record AuditFilter(String actor, String action, LocalDate from, LocalDate to, UUID clientId) {

    /** Blank text is no narrowing; text is kept without surrounding blanks and refused when longer than a stored value can be. */
    public AuditFilter {
        actor = TextFields.optional("actor", actor, 320);
        action = TextFields.optional("action", action, 60);
    }

    /** No narrowing: the whole log the actor may read. */
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }
}
