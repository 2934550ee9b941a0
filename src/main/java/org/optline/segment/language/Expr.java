package org.optline.segment.language;

import java.util.List;

/** The segment language's syntax tree. Values are kept as written; the compiler types them against the fields. */
public sealed interface Expr {

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Not(Expr inner) implements Expr {}

    /**
     * {@code field op value(s)}; ops: = != < <= > >= contains starts_with in between is_set is_not_set has has_any has_all,
     * and for conditions other modules answer: within (a relative date), campaign (a name), never (no value).
     */
    record Compare(String field, int fieldColumn, String op, List<Value> values) implements Expr {}

    /** {@code in list "Name"}, optionally {@code with status confirmed}. */
    record InList(String list, int column, String status) implements Expr {}

    /** A literal: text, a number, true/false, or a relative date ({@code 30 days ago}, {@code today}). */
    record Value(Kind kind, String text, int column) {
        public enum Kind { TEXT, NUMBER, BOOLEAN, RELATIVE_DATE }
    }
}
