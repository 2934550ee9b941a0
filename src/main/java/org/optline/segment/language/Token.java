package org.optline.segment.language;

/** A lexical token with the 1-based column where it starts, for error messages. */
public record Token(Kind kind, String text, int column) {

    /** Token kinds. Words (and, or, has, between …) are IDENT; the parser tells them apart by text. */
    public enum Kind { IDENT, STRING, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, OP, END }

    public boolean is(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }

    public String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case STRING -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
