package org.optline.segment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Operator;
import org.optline.segment.language.Parser;
import org.optline.segment.language.Printer;
import org.optline.segment.language.SegmentSyntaxException;

/**
 * Reads an expression back into the rule builder's rows, when the builder can show it: a flat
 * {@code and} or {@code or} of conditions, or of groups that are each a flat run of the other word
 * ({@code (a and b) or c}), where every condition is one the builder writes (a field it offers, an
 * operator that fits, values it would write the same way). Anything else (deeper nesting, {@code not}
 * before a group, {@code in list … with status}, a value list holding a comma) is not shown: the
 * page keeps the text and says so, and the builder never writes over it.
 *
 * <p>The check is done by writing: a row is accepted only when the builder's text for it means the
 * same tree as the original condition, and the whole builder only when its expression flattens to
 * the same tree as the original. So what the builder shows is always what the expression says.
 */
final class ExpressionRows {

    private ExpressionRows() {}

    /** The rows for {@code text}; an empty builder for a blank one; empty when the builder cannot show it. */
    static Optional<RuleBuilder> read(String text, BuilderVocabulary vocabulary) {
        if (text == null || text.isBlank()) {
            return Optional.of(RuleBuilder.empty());
        }
        Expr expr;
        try {
            expr = Parser.parse(text);
        } catch (SegmentSyntaxException e) {
            return Optional.empty();
        }
        boolean topOr = expr instanceof Expr.Or;
        String top = topOr ? "or" : "and";
        String inner = topOr ? "and" : "or";
        List<RuleBuilder.Group> groups = new ArrayList<>();
        List<RuleBuilder.Condition> run = new ArrayList<>();
        for (Expr term : flatten(expr, topOr)) {
            Optional<RuleBuilder.Condition> row = row(term, vocabulary);
            if (row.isPresent()) {
                run.add(row.get());
                continue;
            }
            boolean innerChain = topOr ? term instanceof Expr.And : term instanceof Expr.Or;
            if (!innerChain) {
                return Optional.empty();
            }
            List<RuleBuilder.Condition> rows = new ArrayList<>();
            for (Expr leaf : flatten(term, !topOr)) {
                Optional<RuleBuilder.Condition> r = row(leaf, vocabulary);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                rows.add(r.get());
            }
            if (!run.isEmpty()) {
                groups.add(new RuleBuilder.Group(top, run));
                run = new ArrayList<>();
            }
            groups.add(new RuleBuilder.Group(inner, rows));
        }
        if (!run.isEmpty()) {
            groups.add(new RuleBuilder.Group(top, run));
        }
        RuleBuilder builder = new RuleBuilder(top, groups);
        return sameMeaning(builder.expression(vocabulary), expr) ? Optional.of(builder) : Optional.empty();
    }

    /** The operands of a run of one word ({@code a and b and c}), however it was parenthesised. */
    private static List<Expr> flatten(Expr expr, boolean or) {
        List<Expr> out = new ArrayList<>();
        if (or && expr instanceof Expr.Or o) {
            out.addAll(flatten(o.left(), true));
            out.addAll(flatten(o.right(), true));
        } else if (!or && expr instanceof Expr.And a) {
            out.addAll(flatten(a.left(), false));
            out.addAll(flatten(a.right(), false));
        } else {
            out.add(expr);
        }
        return out;
    }

    /** One condition as a builder row, when the builder offers its field and operator and writes it the same. */
    private static Optional<RuleBuilder.Condition> row(Expr expr, BuilderVocabulary vocabulary) {
        RuleBuilder.Condition row = null;
        if (expr instanceof Expr.InList l && l.status() == null) {
            row = new RuleBuilder.Condition("@list", "in list", l.list());
        } else if (expr instanceof Expr.Not n && n.inner() instanceof Expr.InList l && l.status() == null) {
            row = new RuleBuilder.Condition("@list", "not in list", l.list());
        } else if (expr instanceof Expr.Not n && n.inner() instanceof Expr.Compare c && c.op() == Operator.IN) {
            row = new RuleBuilder.Condition(c.field(), "not in", joined(c));
        } else if (expr instanceof Expr.Not n && n.inner() instanceof Expr.Compare c && c.op() == Operator.CAMPAIGN) {
            row = new RuleBuilder.Condition(c.field(), "not campaign", c.values().get(0).text());
        } else if (expr instanceof Expr.Compare c) {
            row = compare(c);
        }
        if (row == null || vocabulary.field(row.field()) == null || !vocabulary.operatorsOf(row.field()).contains(row.op())) {
            return Optional.empty();
        }
        return sameMeaning(RuleBuilder.condition(row, vocabulary.type(row.field())), expr) ? Optional.of(row) : Optional.empty();
    }

    private static RuleBuilder.Condition compare(Expr.Compare c) {
        return switch (c.op()) {
            case IS_SET, IS_NOT_SET, NEVER -> new RuleBuilder.Condition(c.field(), c.op().written(), "");
            case WITHIN -> new RuleBuilder.Condition(c.field(), "within", c.values().get(0).text().replaceFirst(" ago$", ""));
            case IN, HAS_ANY, HAS_ALL, BETWEEN -> new RuleBuilder.Condition(c.field(), c.op().written(), joined(c));
            default -> new RuleBuilder.Condition(c.field(), c.op().written(), c.values().get(0).text());
        };
    }

    /** Several values as the builder's input holds them: comma-separated. */
    private static String joined(Expr.Compare c) {
        return c.values().stream().map(Expr.Value::text).collect(Collectors.joining(", "));
    }

    /** Whether {@code text} parses to the same tree as {@code expr}, runs of one word taken as one. */
    private static boolean sameMeaning(String text, Expr expr) {
        try {
            return flat(Parser.parse(text)).equals(flat(expr));
        } catch (SegmentSyntaxException e) {
            return false;
        }
    }

    /** Canonical text with runs of one word flattened: {@code (a and b) and c} and {@code a and (b and c)} agree. */
    private static String flat(Expr expr) {
        if (expr instanceof Expr.And || expr instanceof Expr.Or) {
            boolean or = expr instanceof Expr.Or;
            return flatten(expr, or).stream().map(ExpressionRows::flat)
                    .collect(Collectors.joining(or ? " or " : " and ", "(", ")"));
        }
        if (expr instanceof Expr.Not n) {
            return "not " + flat(n.inner());
        }
        return Printer.print(expr);
    }
}
