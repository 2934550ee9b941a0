package org.optline.segment.sql;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.audience.CustomField;
import org.optline.audience.MailingList;
import org.optline.segment.CompiledSegment;
import org.optline.segment.ConditionProvider;
import org.optline.segment.language.Expr;
import org.optline.segment.language.SegmentSyntaxException;

/**
 * Compiles a segment's syntax tree to a parameterised SQL predicate over the audience's
 * subscribers ({@code s}) and their list memberships, scoped to one client. Field names are
 * checked against the client's fields and typed; values are checked against the field's type and
 * bound as parameters; identifiers in the SQL come only from the fixed slot list.
 */
public final class SegmentCompiler {

    private final UUID clientId;
    private final Map<String, CustomField> fields;
    private final Map<String, MailingList> listsByName;
    private final List<ConditionProvider> providers;
    private final SqlParams params = new SqlParams();
    private final FieldConditions conditions;

    /** {@code postgres}: the SQL is for PostgreSQL (array operators its GIN indexes answer), else for H2. */
    public SegmentCompiler(UUID clientId, List<CustomField> fields, List<MailingList> lists, List<ConditionProvider> providers,
                           LocalDate today, boolean postgres) {
        this.clientId = clientId;
        this.fields = fields.stream().collect(Collectors.toMap(CustomField::key, f -> f));
        this.listsByName = new LinkedHashMap<>();
        lists.forEach(l -> listsByName.putIfAbsent(l.name().toLowerCase(Locale.ROOT), l));
        this.providers = providers;
        this.conditions = new FieldConditions(params, new ConditionValues(today), postgres);
    }

    public CompiledSegment compile(Expr expr) {
        params.put(CompiledSegment.PREFIX + "clientId", clientId);
        String where = "s.client_id = :segment_clientId and " + node(expr).sql();
        return new CompiledSegment(where, params.all());
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
        return new Sql(sql, !(sql.startsWith("exists") || sql.startsWith("not exists") || c.op().asksIfSet()));
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
        String status = l.status() == null ? "m.status <> 'unsubscribed'" : "m.status = " + params.add(l.status().wireName());
        return "exists (select 1 from list_memberships m where m.client_id = :segment_clientId and m.subscriber_id = s.id"
                + " and m.list_id = " + params.add(list.id()) + " and " + status + ")";
    }

    private String compare(Expr.Compare c) {
        String field = c.field().toLowerCase(Locale.ROOT);
        switch (field) {
            case "email":
                return conditions.text("s.email_key", c, true);
            case "name":
                return conditions.text("s.name", c, false);
            case "domain":
                return conditions.domain(c);
            case "status":
                return conditions.status(c);
            case "subscribed":
            case "created":
                return conditions.timestamp("s.created_at", c);
            default:
                break;
        }
        CustomField f = fields.get(c.field());
        if (f != null) {
            return switch (f.type()) {
                case TEXT -> conditions.text("s." + f.slot(), c, false);
                case NUMBER -> conditions.number("s." + f.slot(), c);
                case DATE -> conditions.date("s." + f.slot(), c);
                case BOOLEAN -> conditions.bool("s." + f.slot(), c);
                case MULTI -> conditions.multi("s." + f.slot(), c);
            };
        }
        for (ConditionProvider provider : providers) {
            Optional<String> sql = provider.compile(c, new ConditionProvider.Parameters() {
                public String add(Object value) {
                    return params.add(value);
                }

                public String clientId() {
                    return ":segment_clientId";
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
}
