package org.optline.segment.language;

/**
 * The operator of a {@code field op value(s)} condition, with how the language writes it. The
 * comparison operators are written as symbols ({@code =}, {@code !=}, {@code <} …; {@code ==} reads
 * as {@code =}), the others as words.
 */
public enum Operator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    CONTAINS("contains"), STARTS_WITH("starts with"), IN("in"), BETWEEN("between"),
    IS_SET("is set"), IS_NOT_SET("is not set"),
    HAS("has"), HAS_ANY("has any"), HAS_ALL("has all"),
    // Conditions other modules answer (ConditionProvider): a relative date, a campaign's name, no value.
    WITHIN("within"), CAMPAIGN("campaign"), NEVER("never");

    private final String written;

    Operator(String written) {
        this.written = written;
    }

    /** The operator as the language writes it. */
    public String written() {
        return written;
    }

    /** The comparison a symbol token stands for. */
    static Operator ofSymbol(String symbol) {
        return switch (symbol) {
            case "=", "==" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException("not a comparison: " + symbol);
        };
    }

    /** Whether the condition can be true for an empty field (it asks whether one is set). */
    public boolean asksIfSet() {
        return this == IS_SET || this == IS_NOT_SET;
    }
}
