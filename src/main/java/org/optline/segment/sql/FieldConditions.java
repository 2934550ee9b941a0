package org.optline.segment.sql;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.optline.audience.SubscriberStatus;
import org.optline.platform.SqlArrays;
import org.optline.platform.SqlLike;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Operator;
import org.optline.segment.language.SegmentSyntaxException;

/**
 * The SQL of one {@code field op value(s)} condition, per kind of field: text, the address's
 * domain, the subscriber's status, numbers, dates, the subscription time, yes/no and several-values
 * fields. Each answers the operators its kind allows and names them when another is used.
 */
final class FieldConditions {

    private final SqlParams params;
    private final ConditionValues values;
    private final boolean postgres;

    FieldConditions(SqlParams params, ConditionValues values, boolean postgres) {
        this.params = params;
        this.values = values;
        this.postgres = postgres;
    }

    String text(String column, Expr.Compare c, boolean caseless) {
        return switch (c.op()) {
            case EQ -> column + " = " + params.add(values.textOf(c, 0, caseless));
            case NE -> "(" + column + " is null or " + column + " <> " + params.add(values.textOf(c, 0, caseless)) + ")";
            case CONTAINS -> "lower(" + column + ") like " + params.add("%" + SqlLike.escape(values.textOf(c, 0, true)) + "%") + " escape '\\'";
            case STARTS_WITH -> "lower(" + column + ") like " + params.add(SqlLike.escape(values.textOf(c, 0, true)) + "%") + " escape '\\'";
            case IN -> column + " = any(" + params.add(SqlArrays.of(values.texts(c, caseless))) + ")";
            case IS_SET -> "(" + column + " is not null and " + column + " <> '')";
            case IS_NOT_SET -> "(" + column + " is null or " + column + " = '')";
            default -> throw wrongOp(c, "text", "=, !=, contains, starts with, in, is set");
        };
    }

    String domain(Expr.Compare c) {
        List<String> domains = switch (c.op()) {
            case EQ, NE -> List.of(values.textOf(c, 0, true));
            case IN -> values.texts(c, true);
            default -> throw wrongOp(c, "domain", "=, !=, in");
        };
        String any = domains.stream().map(d -> "s.email_key like " + params.add("%@" + SqlLike.escape(d)) + " escape '\\'")
                .collect(Collectors.joining(" or ", "(", ")"));
        return c.op() == Operator.NE ? "not " + any : any;
    }

    String status(Expr.Compare c) {
        List<String> written = switch (c.op()) {
            case EQ, NE -> List.of(values.textOf(c, 0, true));
            case IN -> values.texts(c, true);
            default -> throw wrongOp(c, "status", "=, !=, in");
        };
        for (int i = 0; i < written.size(); i++) {
            if (status(written.get(i)) == null) {
                throw new SegmentSyntaxException(c.values().get(i).column(), "status is one of "
                        + Arrays.stream(SubscriberStatus.values()).map(SubscriberStatus::wireName).collect(Collectors.joining(", ")));
            }
        }
        String in = "s.status = any(" + params.add(SqlArrays.of(written)) + ")";
        return c.op() == Operator.NE ? "not " + in : in;
    }

    private static SubscriberStatus status(String wireName) {
        for (SubscriberStatus s : SubscriberStatus.values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        return null;
    }

    String number(String column, Expr.Compare c) {
        return ordered(column, c, "number", i -> values.numberOf(c, i));
    }

    String date(String column, Expr.Compare c) {
        return ordered(column, c, "date", i -> values.dateOf(c, i));
    }

    /** Comparisons on numbers and dates. */
    private String ordered(String column, Expr.Compare c, String type, IntFunction<Object> value) {
        return switch (c.op()) {
            case EQ, LT, LE, GT, GE -> column + " " + c.op().written() + " " + params.add(value.apply(0));
            case NE -> "(" + column + " is null or " + column + " <> " + params.add(value.apply(0)) + ")";
            case BETWEEN -> column + " between " + params.add(value.apply(0)) + " and " + params.add(value.apply(1));
            case IN -> "(" + IntStream.range(0, c.values().size())
                    .mapToObj(i -> column + " = " + params.add(value.apply(i))).collect(Collectors.joining(" or ")) + ")";
            case IS_SET -> column + " is not null";
            case IS_NOT_SET -> column + " is null";
            default -> throw wrongOp(c, type, "=, !=, <, <=, >, >=, between, in, is set");
        };
    }

    /** Subscription time is a timestamp; a date compares by whole UTC days. */
    String timestamp(String column, Expr.Compare c) {
        return switch (c.op()) {
            case EQ -> "(" + column + " >= " + day(c, 0, 0) + " and " + column + " < " + day(c, 0, 1) + ")";
            case LT -> column + " < " + day(c, 0, 0);
            case LE -> column + " < " + day(c, 0, 1);
            case GT -> column + " >= " + day(c, 0, 1);
            case GE -> column + " >= " + day(c, 0, 0);
            case BETWEEN -> "(" + column + " >= " + day(c, 0, 0) + " and " + column + " < " + day(c, 1, 1) + ")";
            default -> throw wrongOp(c, "subscribed", "=, <, <=, >, >=, between");
        };
    }

    /** The start of the day of value {@code i}, {@code plusDays} later, as a parameter. */
    private String day(Expr.Compare c, int i, int plusDays) {
        LocalDate day = values.dateOf(c, i).plusDays(plusDays);
        return params.add(day.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    String bool(String column, Expr.Compare c) {
        return switch (c.op()) {
            case EQ -> column + " = " + params.add(values.boolOf(c));
            case NE -> "(" + column + " is null or " + column + " <> " + params.add(values.boolOf(c)) + ")";
            case IS_SET -> column + " is not null";
            case IS_NOT_SET -> column + " is null";
            default -> throw wrongOp(c, "yes/no", "= true, = false, is set");
        };
    }

    /**
     * A several-values field: its slot is an array column of the subscriber's row. On PostgreSQL
     * {@code has} and {@code has all} are containment ({@code @>}) and {@code has any} overlap
     * ({@code &&}), the operators the column's GIN index answers; H2 asks {@code array_contains}
     * per value. A subscriber without values has null there: the comparisons are then unknown,
     * which the compiler counts as false under {@code not}.
     */
    String multi(String column, Expr.Compare c) {
        return switch (c.op()) {
            case HAS -> contains(column, List.of(values.textOf(c, 0, false)), " and ");
            case HAS_ANY -> postgres
                    ? column + " && cast(" + params.add(SqlArrays.of(values.texts(c, false))) + " as text[])"
                    : contains(column, values.texts(c, false), " or ");
            case HAS_ALL -> contains(column, values.texts(c, false), " and ");
            // Never stored empty (no values is null), but an empty array would count as not set.
            case IS_SET -> "coalesce(cardinality(" + column + "), 0) > 0";
            case IS_NOT_SET -> "coalesce(cardinality(" + column + "), 0) = 0";
            default -> throw wrongOp(c, "several-values", "has, has any, has all, is set");
        };
    }

    /** The column holds every one of {@code wanted} ({@code join} " and "), or any ({@code join} " or "; H2 only). */
    private String contains(String column, List<String> wanted, String join) {
        List<String> distinct = wanted.stream().distinct().toList();
        if (postgres) {
            String array = distinct.size() == 1
                    ? "array[cast(" + params.add(distinct.get(0)) + " as text)]"
                    : "cast(" + params.add(SqlArrays.of(distinct)) + " as text[])";
            return column + " @> " + array;
        }
        return distinct.stream().map(v -> "array_contains(" + column + ", " + params.add(v) + ")")
                .collect(Collectors.joining(join, "(", ")"));
    }

    private static SegmentSyntaxException wrongOp(Expr.Compare c, String type, String allowed) {
        return new SegmentSyntaxException(c.fieldColumn(), "'" + c.field() + "' is " + ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ")
                + type + " field; use " + allowed);
    }
}
