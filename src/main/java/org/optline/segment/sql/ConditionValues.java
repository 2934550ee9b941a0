package org.optline.segment.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Expr.Value;
import org.optline.segment.language.SegmentSyntaxException;

/**
 * Reads a condition's values as the type its field needs (text, number, date, yes/no), with an
 * error at the value's column when one is not. Relative dates count back from {@code today}.
 */
final class ConditionValues {

    private final LocalDate today;

    ConditionValues(LocalDate today) {
        this.today = today;
    }

    String textOf(Expr.Compare c, int i, boolean lower) {
        Value v = c.values().get(i);
        if (v.kind() != Value.Kind.TEXT && v.kind() != Value.Kind.NUMBER) {
            throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' needs text in double quotes here");
        }
        return lower ? v.text().toLowerCase(Locale.ROOT) : v.text();
    }

    List<String> texts(Expr.Compare c, boolean lower) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.values().size(); i++) {
            out.add(textOf(c, i, lower));
        }
        return out;
    }

    BigDecimal numberOf(Expr.Compare c, int i) {
        Value v = c.values().get(i);
        try {
            if (v.kind() == Value.Kind.NUMBER || v.kind() == Value.Kind.TEXT) {
                return new BigDecimal(v.text());
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' is a number field; expected a number like 42 or 3.5");
    }

    LocalDate dateOf(Expr.Compare c, int i) {
        Value v = c.values().get(i);
        if (v.kind() == Value.Kind.RELATIVE_DATE) {
            return relative(v);
        }
        if (v.kind() == Value.Kind.TEXT) {
            try {
                LocalDate date = LocalDate.parse(v.text());
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    throw new SegmentSyntaxException(v.column(), "dates run from year 1 to 9999");
                }
                return date;
            } catch (DateTimeParseException ignored) {
                // reported below
            }
        }
        throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' is a date; expected \"2026-01-31\", today or 30 days ago");
    }

    private LocalDate relative(Value v) {
        if (v.text().equals("today")) {
            return today;
        }
        String[] parts = v.text().split(" ");
        long n;
        try {
            n = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new SegmentSyntaxException(v.column(), "the number of a relative date is too large");
        }
        LocalDate date = switch (parts[1]) {
            case "day", "days" -> today.minusDays(Math.min(n, 1_000_000));
            case "week", "weeks" -> today.minusWeeks(Math.min(n, 200_000));
            case "month", "months" -> today.minusMonths(Math.min(n, 50_000));
            default -> today.minusYears(Math.min(n, 5_000));
        };
        // PostgreSQL's dates end in 4713 BC; nothing a marketer means lies before 1900.
        if (date.getYear() < 1900) {
            throw new SegmentSyntaxException(v.column(), "a relative date may go back to 1900 at most");
        }
        return date;
    }

    boolean boolOf(Expr.Compare c) {
        Value v = c.values().get(0);
        if (v.kind() != Value.Kind.BOOLEAN) {
            throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' is a yes/no field; expected true or false");
        }
        return Boolean.parseBoolean(v.text());
    }
}
