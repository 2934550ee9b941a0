package org.optline.segment.language;

import java.util.stream.Collectors;

/** Prints a syntax tree back as canonical text; parsing the result gives the same tree. */
public final class Printer {

    private Printer() {}

    public static String print(Expr expr) {
        if (expr instanceof Expr.And a) {
            return "(" + print(a.left()) + " and " + print(a.right()) + ")";
        }
        if (expr instanceof Expr.Or o) {
            return "(" + print(o.left()) + " or " + print(o.right()) + ")";
        }
        if (expr instanceof Expr.Not n) {
            return "not " + print(n.inner());
        }
        if (expr instanceof Expr.InList l) {
            return "in list " + quote(l.list()) + (l.status() == null ? "" : " with status " + l.status().wireName());
        }
        return compare((Expr.Compare) expr);
    }

    private static String compare(Expr.Compare c) {
        String f = c.field();
        String op = f + " " + c.op().written();
        return switch (c.op()) {
            case IN, HAS_ANY, HAS_ALL -> op + " " + list(c);
            case BETWEEN -> op + " " + value(c.values().get(0)) + " and " + value(c.values().get(1));
            case IS_SET, IS_NOT_SET -> op;
            case EQ, NE, LT, LE, GT, GE, CONTAINS, STARTS_WITH, HAS, CAMPAIGN -> op + " " + value(c.values().get(0));
            case WITHIN -> op + " " + c.values().get(0).text().replaceFirst(" ago$", "");
            case NEVER -> "never " + f;
        };
    }

    private static String list(Expr.Compare c) {
        return c.values().stream().map(Printer::value).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String value(Expr.Value v) {
        return v.kind() == Expr.Value.Kind.TEXT ? quote(v.text()) : v.text();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
