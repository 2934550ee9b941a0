package org.optline.segment.language;

import java.util.ArrayList;
import java.util.List;
import org.optline.segment.language.Token.Kind;

/** Splits an expression into tokens: words, "strings" with \" and \\ escapes, numbers, brackets and comparison operators. */
public final class Lexer {

    private static final int MAX_LENGTH = 10_000;

    private Lexer() {}

    public static List<Token> tokens(String source) {
        if (source == null) {
            throw new SegmentSyntaxException(1, "the expression is empty");
        }
        if (source.length() > MAX_LENGTH) {
            throw new SegmentSyntaxException(1, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < source.length()) {
                    char d = source.charAt(i);
                    if (d == '\\' && i + 1 < source.length()) {
                        text.append(source.charAt(i + 1));
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        text.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new SegmentSyntaxException(column, "the text that starts here has no closing \"");
                }
                tokens.add(new Token(Kind.STRING, text.toString(), column));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < source.length() && Character.isDigit(source.charAt(i + 1)))) {
                int start = i++;
                while (i < source.length() && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, source.substring(start, i), column));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, source.substring(start, i), column));
            } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
                Kind kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    default -> Kind.COMMA;
                };
                tokens.add(new Token(kind, String.valueOf(c), column));
                i++;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                String op = i + 1 < source.length() && source.charAt(i + 1) == '=' ? source.substring(i, i + 2) : String.valueOf(c);
                if (op.equals("!")) {
                    throw new SegmentSyntaxException(column, "'!' must be followed by '=' (not equal)");
                }
                tokens.add(new Token(Kind.OP, op, column));
                i += op.length();
            } else {
                throw new SegmentSyntaxException(column, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", source.length() + 1));
        return tokens;
    }
}
