package org.optline.segment.language;

import java.util.List;
import org.optline.audience.MembershipStatus;

/** The segment language's syntax tree. Values are kept as written; the compiler types them against the fields. */
public sealed interface Expr {

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Not(Expr inner) implements Expr {}

    /** {@code field op value(s)}; {@link Operator#NEVER} takes no value ({@code never opened}). */
    record Compare(String field, int fieldColumn, Operator op, List<Value> values) implements Expr {}

    /** {@code in list "Name"}, optionally {@code with status confirmed}. */
    record InList(String list, int column, MembershipStatus status) implements Expr {}

    /** A literal: text, a number, true/false, or a relative date ({@code 30 days ago}, {@code today}). */
    record Value(Kind kind, String text, int column) {
        public enum Kind { TEXT, NUMBER, BOOLEAN, RELATIVE_DATE }
    }
}
