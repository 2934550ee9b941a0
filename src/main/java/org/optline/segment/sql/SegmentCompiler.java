package org.optline.segment.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.audience.MailingList;
import org.optline.platform.SqlArrays;
import org.optline.segment.CompiledSegment;
import org.optline.segment.ConditionProvider;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Expr.Value;
import org.optline.segment.language.SegmentSyntaxException;

/**
 * Compiles a segment's syntax tree to a parameterised SQL predicate over the audience's
 * subscribers ({@code s}), their tags and list memberships, scoped to one client. Field names are
 * checked against the client's fields and typed; values are checked against the field's type and
 * bound as parameters; identifiers in the SQL come only from the fixed slot list.
 */
public final class SegmentCompiler {

    private static final Set<String> STATUSES = Set.of("active", "unsubscribed", "bounced", "complained");

    private final UUID clientId;
    private final Map<String, CustomField> fields;
    private final Map<String, MailingList> listsByName;
    private final List<ConditionProvider> providers;
    private final LocalDate today;
    private final Map<String, Object> params = new LinkedHashMap<>();

    public SegmentCompiler(UUID clientId, List<CustomField> fields, List<MailingList> lists, List<ConditionProvider> providers,
                           LocalDate today) {
        this.clientId = clientId;
        this.fields = fields.stream().collect(Collectors.toMap(CustomField::key, f -> f));
        this.listsByName = new LinkedHashMap<>();
        lists.forEach(l -> listsByName.putIfAbsent(l.name().toLowerCase(Locale.ROOT), l));
        this.providers = providers;
        this.today = today;
    }

    public CompiledSegment compile(Expr expr) {
        params.put("clientId", clientId);
        String where = "s.client_id = :clientId and " + node(expr).sql();
        return new CompiledSegment(where, Map.copyOf(params));
    }

    /** A predicate, and whether it can be SQL's unknown (a comparison with an empty column can). */
    private record Sql(String sql, boolean nullable) {}

    private Sql node(Expr expr) {
        if (expr instanceof Expr.And || expr instanceof Expr.Or) {
            return chain(expr);
        }
        if (expr instanceof Expr.Not n) {
            Sql inner = node(n.inner());
            // SQL's unknown would drop people whose field is empty from "not country in [...]";
            // for a marketer they plainly are not in the list, so unknown counts as false. Only
            // where it can be unknown: around NOT EXISTS the coalesce would stop PostgreSQL from
            // planning an anti-join.
            return new Sql(inner.nullable() ? "not coalesce(" + inner.sql() + ", false)" : "not " + inner.sql(), false);
        }
        if (expr instanceof Expr.InList l) {
            return new Sql(inList(l), false);
        }
        Expr.Compare c = (Expr.Compare) expr;
        String sql = compare(c);
        return new Sql(sql, !(sql.startsWith("exists") || sql.startsWith("not exists") || c.op().equals("is_set")
                || c.op().equals("is_not_set")));
    }

    /**
     * A run of the same operator as one flat list, {@code (a or b or c)}: the parser builds
     * {@code ((a or b) or c)}, and H2's parser recurses once per parenthesis (a few hundred
     * overflow its stack).
     */
    private Sql chain(Expr expr) {
        boolean and = expr instanceof Expr.And;
        Deque<Expr> todo = new ArrayDeque<>();
        List<Expr> operands = new ArrayList<>();
        todo.push(expr);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (and && e instanceof Expr.And a) {
                todo.push(a.right());
                todo.push(a.left());
            } else if (!and && e instanceof Expr.Or o) {
                todo.push(o.right());
                todo.push(o.left());
            } else {
                operands.add(e);
            }
        }
        StringBuilder sql = new StringBuilder("(");
        boolean nullable = false;
        for (Expr operand : operands) {
            Sql s = node(operand);
            sql.append(sql.length() > 1 ? (and ? " and " : " or ") : "").append(s.sql());
            nullable |= s.nullable();
        }
        return new Sql(sql.append(')').toString(), nullable);
    }

    private String inList(Expr.InList l) {
        MailingList list = listsByName.get(l.list().toLowerCase(Locale.ROOT));
        if (list == null) {
            throw new SegmentSyntaxException(l.column(), "there is no list named \"" + l.list() + "\"");
        }
        String status = l.status() == null ? "m.status <> 'unsubscribed'" : "m.status = " + param(l.status());
        return "exists (select 1 from list_memberships m where m.client_id = :clientId and m.subscriber_id = s.id"
                + " and m.list_id = " + param(list.id()) + " and " + status + ")";
    }

    private String compare(Expr.Compare c) {
        String field = c.field().toLowerCase(Locale.ROOT);
        switch (field) {
            case "email":
                return text("s.email_key", c, true);
            case "name":
                return text("s.name", c, false);
            case "domain":
                return domain(c);
            case "status":
                return status(c);
            case "subscribed":
            case "created":
                return timestamp("s.created_at", c);
            default:
                break;
        }
        CustomField f = fields.get(c.field());
        if (f != null) {
            return switch (f.type()) {
                case TEXT -> text("s." + f.slot(), c, false);
                case NUMBER -> number("s." + f.slot(), c);
                case DATE -> date("s." + f.slot(), c);
                case BOOLEAN -> bool("s." + f.slot(), c);
                case MULTI -> multi(f, c);
            };
        }
        for (ConditionProvider provider : providers) {
            Optional<String> sql = provider.compile(c, new ConditionProvider.Parameters() {
                public String add(Object value) {
                    return param(value);
                }

                public String clientId() {
                    return ":clientId";
                }

                public UUID client() {
                    return clientId;
                }
            });
            if (sql.isPresent()) {
                return "(" + sql.get() + ")";
            }
        }
        throw new SegmentSyntaxException(c.fieldColumn(), "unknown field '" + c.field()
                + "'; use email, domain, name, status, subscribed, in list \"…\", or one of your custom fields"
                + (fields.isEmpty() ? "" : " (" + String.join(", ", fields.keySet().stream().sorted().toList()) + ")"));
    }

    private String text(String column, Expr.Compare c, boolean caseless) {
        switch (c.op()) {
            case "=":
                return column + " = " + param(textOf(c, 0, caseless));
            case "!=":
                return "(" + column + " is null or " + column + " <> " + param(textOf(c, 0, caseless)) + ")";
            case "contains":
                return "lower(" + column + ") like " + param("%" + like(textOf(c, 0, true)) + "%") + " escape '\\'";
            case "starts_with":
                return "lower(" + column + ") like " + param(like(textOf(c, 0, true)) + "%") + " escape '\\'";
            case "in":
                return column + " = any(" + param(SqlArrays.of(texts(c, caseless))) + ")";
            case "is_set":
                return "(" + column + " is not null and " + column + " <> '')";
            case "is_not_set":
                return "(" + column + " is null or " + column + " = '')";
            default:
                throw wrongOp(c, "text", "=, !=, contains, starts with, in, is set");
        }
    }

    private String domain(Expr.Compare c) {
        List<String> domains = switch (c.op()) {
            case "=", "!=" -> List.of(textOf(c, 0, true));
            case "in" -> texts(c, true);
            default -> throw wrongOp(c, "domain", "=, !=, in");
        };
        String any = domains.stream().map(d -> "s.email_key like " + param("%@" + like(d)) + " escape '\\'")
                .collect(Collectors.joining(" or ", "(", ")"));
        return c.op().equals("!=") ? "not " + any : any;
    }

    private String status(Expr.Compare c) {
        List<String> values = switch (c.op()) {
            case "=", "!=" -> List.of(textOf(c, 0, true));
            case "in" -> texts(c, true);
            default -> throw wrongOp(c, "status", "=, !=, in");
        };
        for (int i = 0; i < values.size(); i++) {
            if (!STATUSES.contains(values.get(i))) {
                throw new SegmentSyntaxException(c.values().get(i).column(), "status is one of active, unsubscribed, bounced, complained");
            }
        }
        String in = "s.status = any(" + param(SqlArrays.of(values)) + ")";
        return c.op().equals("!=") ? "not " + in : in;
    }

    private String number(String column, Expr.Compare c) {
        return ordered(column, c, "number", i -> numberOf(c, i));
    }

    private String date(String column, Expr.Compare c) {
        return ordered(column, c, "date", i -> dateOf(c, i));
    }

    /** Comparisons on numbers and dates. */
    private String ordered(String column, Expr.Compare c, String type, IntFunction<Object> value) {
        return switch (c.op()) {
            case "=", "<", "<=", ">", ">=" -> column + " " + c.op() + " " + param(value.apply(0));
            case "!=" -> "(" + column + " is null or " + column + " <> " + param(value.apply(0)) + ")";
            case "between" -> column + " between " + param(value.apply(0)) + " and " + param(value.apply(1));
            case "in" -> "(" + IntStream.range(0, c.values().size())
                    .mapToObj(i -> column + " = " + param(value.apply(i))).collect(Collectors.joining(" or ")) + ")";
            case "is_set" -> column + " is not null";
            case "is_not_set" -> column + " is null";
            default -> throw wrongOp(c, type, "=, !=, <, <=, >, >=, between, in, is set");
        };
    }

    /** Subscription time is a timestamp; a date compares by whole UTC days. */
    private String timestamp(String column, Expr.Compare c) {
        return switch (c.op()) {
            case "=" -> "(" + column + " >= " + param(start(dateOf(c, 0))) + " and " + column + " < " + param(start(dateOf(c, 0).plusDays(1))) + ")";
            case "<" -> column + " < " + param(start(dateOf(c, 0)));
            case "<=" -> column + " < " + param(start(dateOf(c, 0).plusDays(1)));
            case ">" -> column + " >= " + param(start(dateOf(c, 0).plusDays(1)));
            case ">=" -> column + " >= " + param(start(dateOf(c, 0)));
            case "between" -> "(" + column + " >= " + param(start(dateOf(c, 0))) + " and " + column + " < "
                    + param(start(dateOf(c, 1).plusDays(1))) + ")";
            default -> throw wrongOp(c, "subscribed", "=, <, <=, >, >=, between");
        };
    }

    private String bool(String column, Expr.Compare c) {
        return switch (c.op()) {
            case "=" -> column + " = " + param(boolOf(c));
            case "!=" -> "(" + column + " is null or " + column + " <> " + param(boolOf(c)) + ")";
            case "is_set" -> column + " is not null";
            case "is_not_set" -> column + " is null";
            default -> throw wrongOp(c, "yes/no", "= true, = false, is set");
        };
    }

    private String multi(CustomField f, Expr.Compare c) {
        String field = param(f.id());
        String tags = "select 1 from subscriber_tags t where t.client_id = :clientId and t.subscriber_id = s.id and t.field_id = " + field;
        return switch (c.op()) {
            case "has" -> "exists (" + tags + " and t.tag = " + param(textOf(c, 0, false)) + ")";
            case "has_any" -> "exists (" + tags + " and t.tag = any(" + param(SqlArrays.of(texts(c, false))) + "))";
            case "has_all" -> {
                List<String> wanted = texts(c, false).stream().distinct().toList();
                yield "(select count(distinct t.tag) from subscriber_tags t where t.client_id = :clientId and t.subscriber_id = s.id"
                        + " and t.field_id = " + field + " and t.tag = any(" + param(SqlArrays.of(wanted)) + ")) = " + param(wanted.size());
            }
            case "is_set" -> "exists (" + tags + ")";
            case "is_not_set" -> "not exists (" + tags + ")";
            default -> throw wrongOp(c, "several-values", "has, has any, has all, is set");
        };
    }

    private String param(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    private String textOf(Expr.Compare c, int i, boolean lower) {
        Value v = c.values().get(i);
        if (v.kind() != Value.Kind.TEXT && v.kind() != Value.Kind.NUMBER) {
            throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' needs text in double quotes here");
        }
        return lower ? v.text().toLowerCase(Locale.ROOT) : v.text();
    }

    private List<String> texts(Expr.Compare c, boolean lower) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.values().size(); i++) {
            out.add(textOf(c, i, lower));
        }
        return out;
    }

    private BigDecimal numberOf(Expr.Compare c, int i) {
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

    private LocalDate dateOf(Expr.Compare c, int i) {
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

    private boolean boolOf(Expr.Compare c) {
        Value v = c.values().get(0);
        if (v.kind() != Value.Kind.BOOLEAN) {
            throw new SegmentSyntaxException(v.column(), "'" + c.field() + "' is a yes/no field; expected true or false");
        }
        return Boolean.parseBoolean(v.text());
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SegmentSyntaxException wrongOp(Expr.Compare c, String type, String allowed) {
        return new SegmentSyntaxException(c.fieldColumn(), "'" + c.field() + "' is " + ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ")
                + type + " field; use " + allowed);
    }
}
