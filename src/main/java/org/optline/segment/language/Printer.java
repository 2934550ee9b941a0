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
            return "in list " + quote(l.list()) + (l.status() == null ? "" : " with status " + l.status());
        }
        return compare((Expr.Compare) expr);
    }

    private static String compare(Expr.Compare c) {
        String f = c.field();
        return switch (c.op()) {
            case "contains" -> f + " contains " + value(c.values().get(0));
            case "starts_with" -> f + " starts with " + value(c.values().get(0));
            case "in" -> f + " in " + list(c);
            case "between" -> f + " between " + value(c.values().get(0)) + " and " + value(c.values().get(1));
            case "is_set" -> f + " is set";
            case "is_not_set" -> f + " is not set";
            case "has" -> f + " has " + value(c.values().get(0));
            case "has_any" -> f + " has any " + list(c);
            case "has_all" -> f + " has all " + list(c);
            case "within" -> f + " within " + c.values().get(0).text().replaceFirst(" ago$", "");
            case "never" -> "never " + f;
            default -> f + " " + c.op() + " " + value(c.values().get(0));
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
