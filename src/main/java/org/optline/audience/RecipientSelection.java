package org.optline.audience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;

/**
 * Who a campaign may reach, as SQL over the subscriber table (alias {@code s}): the client's
 * active subscribers confirmed on any of the lists, suppressed neither by the client nor
 * platform-wide, and matching the narrowing {@link Condition} when there is one (a segment's).
 *
 * <p>The subscriber tables are the one schema other modules read (docs/architecture.md): counting
 * the recipients and filling a send queue are single set-based statements, so the selection
 * travels as a FROM/WHERE clause that the consumer puts after its own select ({@link #sql}).
 * Parameter names are kept apart by prefix: the selection's own start with {@value #PREFIX}, a
 * condition's with the prefix it declares, and {@link #params} refuses a name given twice, so
 * the consumer's names, the selection's and the condition's cannot silently replace each other.
 */
public record RecipientSelection(UUID clientId, List<UUID> listIds, Condition condition) {

    /** The prefix of the selection's own parameter names. */
    public static final String PREFIX = "recipients_";

    private static final NamedSql SQL = NamedSql.forClass(RecipientSelection.class);

    /**
     * A predicate over {@code s} that narrows the selection, with its named parameters, every one
     * of which starts with {@code prefix}. It must hold its own tenant filter: it is also run alone.
     */
    public record Condition(String sql, String prefix, Map<String, Object> params) {
        public Condition {
            Objects.requireNonNull(sql, "sql");
            if (prefix == null || prefix.isEmpty() || prefix.startsWith(PREFIX) || PREFIX.startsWith(prefix)) {
                throw new IllegalArgumentException("A condition's parameters need a prefix of their own, not '" + prefix + "'");
            }
            for (String name : params.keySet()) {
                if (!name.startsWith(prefix)) {
                    throw new IllegalArgumentException("Condition parameter '" + name + "' lacks its prefix '" + prefix + "'");
                }
            }
            params = Map.copyOf(params);
        }
    }

    public RecipientSelection {
        Objects.requireNonNull(clientId, "clientId");
        listIds = List.copyOf(listIds);
    }

    /** Everyone the lists reach. */
    public static RecipientSelection of(UUID clientId, List<UUID> listIds) {
        return new RecipientSelection(clientId, listIds, null);
    }

    /** Those of this selection that also match {@code narrowing}. */
    public RecipientSelection narrowedBy(Condition narrowing) {
        return new RecipientSelection(clientId, listIds, Objects.requireNonNull(narrowing, "narrowing"));
    }

    /** {@code select} (a select list over {@code s}, or an insert's select) followed by this selection's FROM/WHERE clause. */
    public String sql(String select) {
        String clause = SQL.get("recipients");
        return select + "\n" + (condition == null ? clause : clause + "\n  and (" + condition.sql() + ")");
    }

    /** As {@link #sql}, the rows in subscriber id order (the order a send queue is claimed in). */
    public String sqlInIdOrder(String select) {
        return sql(select) + "\n" + SQL.get("in-id-order");
    }

    /** The selection's parameters. */
    public Map<String, Object> params() {
        return params(Map.of());
    }

    /**
     * The selection's parameters with the statement's own: one map for the composed statement.
     * A name given twice is a programming error, never a silent replacement.
     */
    public Map<String, Object> params(Map<String, Object> statementParams) {
        Map<String, Object> all = new LinkedHashMap<>();
        putAll(all, Map.of(PREFIX + "clientId", clientId, PREFIX + "lists", SqlArrays.ofIds(listIds)));
        if (condition != null) {
            putAll(all, condition.params());
        }
        putAll(all, statementParams);
        return all;
    }

    private static void putAll(Map<String, Object> into, Map<String, Object> params) {
        params.forEach((name, value) -> {
            if (into.containsKey(name)) {
                throw new IllegalArgumentException("SQL parameter '" + name + "' is named twice in a recipient selection");
            }
            into.put(name, value);
        });
    }
}
