package org.optline.segment.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.optline.audience.MembershipStatus;
import org.optline.segment.language.Expr.Value;
import org.optline.segment.language.Token.Kind;

/**
 * A recursive-descent parser for the segment language (grammar in docs/segments.md). Precedence:
 * {@code not} binds tightest, then {@code and}, then {@code or}; parentheses group. Every error
 * names the column and what was expected there.
 */
public final class Parser {

    private static final Set<String> UNITS = Set.of("day", "days", "week", "weeks", "month", "months", "year", "years");
    private static final int MAX_DEPTH = 50;
    /** Conditions in one expression: more than anyone writes by hand (a list of values takes 1000), few enough for any database's parser. */
    static final int MAX_CONDITIONS = 500;

    private final List<Token> tokens;
    private int position;
    private int depth;
    private int conditions;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expr parse(String source) {
        Parser parser = new Parser(Lexer.tokens(source));
        if (parser.peek().kind() == Kind.END) {
            throw new SegmentSyntaxException(1, "the expression is empty");
        }
        Expr expr = parser.or();
        Token next = parser.peek();
        if (next.kind() != Kind.END) {
            throw new SegmentSyntaxException(next.column(), "expected 'and', 'or' or the end, found " + next.describe());
        }
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (peek().is("or")) {
            position++;
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = unary();
        while (peek().is("and")) {
            position++;
            left = new Expr.And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (++depth > MAX_DEPTH) {
            throw new SegmentSyntaxException(peek().column(), "the expression nests too deeply");
        }
        try {
            if (peek().is("not")) {
                position++;
                return new Expr.Not(unary());
            }
            return primary();
        } finally {
            depth--;
        }
    }

    private Expr primary() {
        Token t = peek();
        if (t.kind() != Kind.LPAREN && ++conditions > MAX_CONDITIONS) {
            throw new SegmentSyntaxException(t.column(), "an expression may hold at most " + MAX_CONDITIONS + " conditions");
        }
        if (t.kind() == Kind.LPAREN) {
            position++;
            Expr inner = or();
            expect(Kind.RPAREN, "')' to close the '(' at column " + t.column());
            return inner;
        }
        if (t.is("in") && peekAt(1).is("list")) {
            position += 2;
            Token name = next();
            if (name.kind() != Kind.STRING) {
                throw new SegmentSyntaxException(name.column(), "expected a list name in quotes, found " + name.describe());
            }
            MembershipStatus status = null;
            if (peek().is("with")) {
                position++;
                expectWord("status");
                Token s = next();
                status = s.kind() == Kind.IDENT ? membershipStatus(s.text()) : null;
                if (status == null) {
                    throw new SegmentSyntaxException(s.column(), "expected confirmed, unconfirmed or unsubscribed, found " + s.describe());
                }
            }
            return new Expr.InList(name.text(), t.column(), status);
        }
        if (t.is("never") && peekAt(1).kind() == Kind.IDENT) {
            // "never opened": a condition without a value, answered by a ConditionProvider.
            position++;
            Token field = next();
            return new Expr.Compare(field.text(), field.column(), Operator.NEVER, List.of());
        }
        if (t.kind() != Kind.IDENT) {
            throw new SegmentSyntaxException(t.column(), "expected a field name, '(' , 'not' or 'in list', found " + t.describe());
        }
        position++;
        return condition(t);
    }

    private Expr condition(Token field) {
        Token t = next();
        String name = field.text();
        int col = field.column();
        if (t.kind() == Kind.OP) {
            return new Expr.Compare(name, col, Operator.ofSymbol(t.text()), List.of(value()));
        }
        String word = t.kind() == Kind.IDENT ? t.text().toLowerCase(Locale.ROOT) : "";
        switch (word) {
            case "contains":
                return new Expr.Compare(name, col, Operator.CONTAINS, List.of(value()));
            case "starts":
                expectWord("with");
                return new Expr.Compare(name, col, Operator.STARTS_WITH, List.of(value()));
            case "in":
                return new Expr.Compare(name, col, Operator.IN, list());
            case "not":
                expectWord("in");
                return new Expr.Not(new Expr.Compare(name, col, Operator.IN, list()));
            case "between": {
                Value low = value();
                expectWord("and");
                return new Expr.Compare(name, col, Operator.BETWEEN, List.of(low, value()));
            }
            case "is": {
                if (peek().is("not")) {
                    position++;
                    expectWord("set");
                    return new Expr.Compare(name, col, Operator.IS_NOT_SET, List.of());
                }
                if (peek().is("set")) {
                    position++;
                    return new Expr.Compare(name, col, Operator.IS_SET, List.of());
                }
                if (peek().is("true") || peek().is("false")) {
                    return new Expr.Compare(name, col, Operator.EQ, List.of(value()));
                }
                throw new SegmentSyntaxException(peek().column(), "expected 'set', 'not set', 'true' or 'false' after 'is', found "
                        + peek().describe());
            }
            case "within":
                return new Expr.Compare(name, col, Operator.WITHIN, List.of(period()));
            case "campaign":
                return new Expr.Compare(name, col, Operator.CAMPAIGN, List.of(value()));
            case "has":
                if (peek().is("any")) {
                    position++;
                    return new Expr.Compare(name, col, Operator.HAS_ANY, list());
                }
                if (peek().is("all")) {
                    position++;
                    return new Expr.Compare(name, col, Operator.HAS_ALL, list());
                }
                return new Expr.Compare(name, col, Operator.HAS, List.of(value()));
            default:
                throw new SegmentSyntaxException(t.column(), "expected an operator after '" + name
                        + "' (=, !=, <, <=, >, >=, contains, starts with, in, not in, between, is set, has, has any, has all, within, "
                        + "campaign), found "
                        + t.describe());
        }
    }

    private List<Value> list() {
        Token open = next();
        if (open.kind() != Kind.LBRACKET) {
            throw new SegmentSyntaxException(open.column(), "expected '[' to start a list of values, found " + open.describe());
        }
        List<Value> values = new ArrayList<>();
        values.add(value());
        while (peek().kind() == Kind.COMMA) {
            position++;
            values.add(value());
        }
        expect(Kind.RBRACKET, "',' or ']' to close the list that starts at column " + open.column());
        if (values.size() > 1000) {
            throw new SegmentSyntaxException(open.column(), "a list may hold at most 1000 values");
        }
        return values;
    }

    private Value value() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Value(Value.Kind.TEXT, t.text(), t.column());
            case NUMBER:
                if (peek().kind() == Kind.IDENT && UNITS.contains(peek().text().toLowerCase(Locale.ROOT))) {
                    String unit = next().text().toLowerCase(Locale.ROOT);
                    expectWord("ago");
                    if (t.text().contains(".") || t.text().startsWith("-")) {
                        throw new SegmentSyntaxException(t.column(), "a relative date needs a whole number, like 30 days ago");
                    }
                    return new Value(Value.Kind.RELATIVE_DATE, t.text() + " " + unit + " ago", t.column());
                }
                return new Value(Value.Kind.NUMBER, t.text(), t.column());
            case IDENT:
                if (t.is("true") || t.is("false")) {
                    return new Value(Value.Kind.BOOLEAN, t.text().toLowerCase(Locale.ROOT), t.column());
                }
                if (t.is("today")) {
                    return new Value(Value.Kind.RELATIVE_DATE, "today", t.column());
                }
                throw new SegmentSyntaxException(t.column(), "expected a value (\"text\", a number, true, false, a date like "
                        + "\"2026-01-31\" or 30 days ago), found " + t.describe() + "; put text in double quotes");
            default:
                throw new SegmentSyntaxException(t.column(), "expected a value (\"text\", a number, true, false, a date), found "
                        + t.describe());
        }
    }

    private static MembershipStatus membershipStatus(String word) {
        for (MembershipStatus status : MembershipStatus.values()) {
            if (status.wireName().equals(word.toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        return null;
    }

    /** {@code 30 days}, after {@code within}: kept as the relative date it reaches back to ({@code 30 days ago}). */
    private Value period() {
        Token n = next();
        if (n.kind() != Kind.NUMBER || n.text().contains(".") || n.text().startsWith("-")) {
            throw new SegmentSyntaxException(n.column(), "expected a whole number of days, weeks, months or years, like 30 days, found "
                    + n.describe());
        }
        Token unit = next();
        if (unit.kind() != Kind.IDENT || !UNITS.contains(unit.text().toLowerCase(Locale.ROOT))) {
            throw new SegmentSyntaxException(unit.column(), "expected days, weeks, months or years, found " + unit.describe());
        }
        return new Value(Value.Kind.RELATIVE_DATE, n.text() + " " + unit.text().toLowerCase(Locale.ROOT) + " ago", n.column());
    }

    private void expectWord(String word) {
        Token t = next();
        if (!t.is(word)) {
            throw new SegmentSyntaxException(t.column(), "expected '" + word + "', found " + t.describe());
        }
    }

    private void expect(Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw new SegmentSyntaxException(t.column(), "expected " + what + ", found " + t.describe());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Kind.END) {
            position++;
        }
        return t;
    }
}
