package org.optline.audience.subscribers;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.audience.SubscriberSort;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.fields.Slots;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.SqlLike;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for subscribers (list memberships: {@link MembershipStore}). Every statement takes the client id.
 * The insert and profile update are built from the fixed slot list, never from input. A multi
 * field's values are an array in its slot column, written sorted and distinct as FieldValues gives them.
 */
@Repository
public class SubscriberStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedSql sql;
    private final boolean postgres;

    public SubscriberStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, TenantScope scope) {
        this.jdbc = jdbc;
        this.named = named;
        this.sql = NamedSql.forClass(SubscriberStore.class);
        this.postgres = scope.isPostgres();
    }

    public Optional<SubscriberRow> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(SubscriberRow::map).optional();
    }

    /**
     * Which clients hold the address: a subscriber (found by its key), a suppression or an erasure
     * tombstone (found by the key's SHA-256). The one statement on subscribers that names no client:
     * it reads across clients and runs only in the platform scope, for a legal disclosure.
     */
    public List<Holding> clientsHolding(EmailAddress email) {
        return jdbc.sql(sql.get("clients-holding")).param("emailKey", email.key()).param("emailHash", email.hash())
                .query((rs, n) -> new Holding(rs.getObject("client_id", UUID.class), rs.getObject("subscriber_id", UUID.class)))
                .list();
    }

    /** A client that holds an address, with its subscriber if it has one ({@code null}: a suppression or tombstone only). */
    public record Holding(UUID clientId, UUID subscriberId) {}

    public Optional<SubscriberRow> findByKey(UUID clientId, String emailKey) {
        return jdbc.sql(sql.get("find-by-key")).param("clientId", clientId).param("emailKey", emailKey)
                .query(SubscriberRow::map).optional();
    }

    /** email_key → (id, status) for those of {@code keys} this client has. */
    public Map<String, Existing> existing(UUID clientId, Collection<String> keys) {
        Map<String, Existing> found = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql(sql.get("ids-by-keys")).param("clientId", clientId).param("keys", SqlArrays.of(keys))
                .query(rs -> {
                    found.put(rs.getString("email_key"), new Existing(rs.getObject("id", UUID.class),
                            SubscriberStatus.fromWire(rs.getString("status"))));
                });
        return found;
    }

    /** An existing subscriber as the import's dedupe sees it. */
    public record Existing(UUID id, SubscriberStatus status) {}

    /** A subscriber to add: {@code slots} holds the typed field values by slot column. */
    public record NewSubscriber(UUID id, String email, String emailKey, String name, Map<String, Object> slots) {}

    /**
     * Adds active subscribers in one statement, {@code INSERT ... SELECT FROM unnest(...)} with one
     * array per column, on H2 and PostgreSQL alike. Only the slot columns some row has a value for
     * are named; slot values travel as text and are cast to the column's type in SQL.
     */
    public void insertAll(UUID clientId, List<NewSubscriber> rows, OffsetDateTime at) {
        if (rows.size() > SqlArrays.MAX_ELEMENTS) {
            SqlArrays.chunks(rows).forEach(chunk -> insertAll(clientId, chunk, at));
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> slots = Slots.columns().stream()
                .filter(slot -> rows.stream().anyMatch(r -> r.slots().get(slot) != null)).toList();
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            String slot = Slots.checked(slots.get(i));
            columns.append(", ").append(slot);
            String type = castTo(slot);
            if (Slots.isMulti(slot)) {
                // PostgreSQL's unnest flattens an array of arrays: a multi field's values travel
                // joined by the separator no value contains and are split again. H2 keeps the
                // nesting, so there each row's values travel as an array.
                values.append(postgres ? ", string_to_array(t.s" + i + ", '" + FieldValues.MULTI_SEPARATOR + "')"
                        : ", cast(t.s" + i + " as varchar(200) array)");
            } else {
                values.append(type == null ? ", t.s" + i : ", cast(t.s" + i + " as " + type + ")");
            }
            arrays.append(", :s").append(i);
            names.append(", s").append(i);
        }
        String statement = sql.get("insert-many").replace("/*slot columns*/", columns).replace("/*slot values*/", values)
                .replace("/*slot arrays*/", arrays).replace("/*slot names*/", names);
        var spec = jdbc.sql(statement)
                .param("clientId", clientId).param("status", SubscriberStatus.ACTIVE.wireName()).param("at", at)
                .param("ids", SqlArrays.ofIds(rows.stream().map(NewSubscriber::id).toList()))
                .param("emails", SqlArrays.of(rows.stream().map(NewSubscriber::email).toList()))
                .param("keys", SqlArrays.of(rows.stream().map(NewSubscriber::emailKey).toList()))
                .param("hashes", SqlArrays.of(rows.stream().map(r -> EmailAddress.hashOfKey(r.emailKey())).toList()))
                .param("names", SqlArrays.of(rows.stream().map(NewSubscriber::name).toList()));
        for (int i = 0; i < slots.size(); i++) {
            String slot = slots.get(i);
            if (Slots.isMulti(slot) && !postgres) {
                spec = spec.param("s" + i, new SqlParameterValue(Types.ARRAY, rows.stream()
                        .map(r -> multiArray(r.slots().get(slot))).toArray(Object[]::new)));
            } else {
                spec = spec.param("s" + i, SqlArrays.of(rows.stream().map(r -> asText(r.slots().get(slot))).toList()));
            }
        }
        spec.update();
    }

    /** A slot value as the text its SQL cast reads: plain decimal, ISO date, true/false, values joined. */
    private static String asText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> values) {
            return FieldValues.joined(values);
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** A multi field's values as an array parameter; null for none. */
    private static String[] multiArray(Object value) {
        return value == null ? null : ((Collection<?>) value).stream().map(String::valueOf).toArray(String[]::new);
    }

    /** Sets the name (when {@code setName}) and the given slots; other columns are left alone. */
    public void updateProfile(UUID clientId, UUID id, boolean setName, String name, Map<String, Object> slots,
                              OffsetDateTime at) {
        updateAll(clientId, List.of(new ProfileUpdate(id, setName, name, slots)), at);
    }

    /** One subscriber's profile change in a batch. */
    public record ProfileUpdate(UUID id, boolean setName, String name, Map<String, Object> slots) {}

    /** Applies profile changes; those touching the same columns share one batched statement. */
    public void updateAll(UUID clientId, List<ProfileUpdate> updates, OffsetDateTime at) {
        Map<String, List<MapSqlParameterSource>> byStatement = new LinkedHashMap<>();
        for (ProfileUpdate u : updates) {
            StringBuilder set = new StringBuilder();
            var params = new MapSqlParameterSource().addValue("clientId", clientId).addValue("id", u.id()).addValue("at", at);
            if (u.setName()) {
                set.append(", name = :name");
                params.addValue("name", u.name(), Types.VARCHAR);
            }
            for (String slot : Slots.columns()) {
                if (u.slots().containsKey(slot)) {
                    set.append(", ").append(slot).append(" = :").append(slot);
                    Object value = u.slots().get(slot);
                    params.addValue(slot, Slots.isMulti(slot) ? multiArray(value) : value, sqlType(slot));
                }
            }
            String statement = sql.get("update-profile").replace("/*set*/", set);
            byStatement.computeIfAbsent(statement, k -> new ArrayList<>()).add(params);
        }
        byStatement.forEach((statement, rows) -> named.batchUpdate(statement, rows.toArray(MapSqlParameterSource[]::new)));
    }

    public void setEmail(UUID clientId, UUID id, String email, String emailKey, OffsetDateTime at) {
        jdbc.sql(sql.get("set-email"))
                .param("email", email).param("emailKey", emailKey)
                .param("emailHash", EmailAddress.hashOfKey(emailKey)).param("at", at)
                .param("clientId", clientId).param("id", id).update();
    }

    /** The next page of active subscribers after {@code afterId} (of one list when {@code listId} is given). */
    public List<SubscriberRow> exportPage(UUID clientId, UUID listId, UUID afterId, int limit) {
        var spec = listId == null ? jdbc.sql(sql.get("export-page"))
                : jdbc.sql(sql.get("export-page-of-list")).param("listId", listId);
        return spec.param("clientId", clientId).param("afterId", afterId).param("limit", limit)
                .query(SubscriberRow::map).list();
    }

    /**
     * A delivery batch in one probe of the primary key, with only the slot columns {@code slots}
     * (those the client's fields occupy): the values messages can print, not all thirty slots of
     * every row.
     */
    public List<SubscriberRow> findMany(UUID clientId, Collection<UUID> ids, List<String> slots) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringBuilder columns = new StringBuilder();
        for (String slot : slots) {
            columns.append(", ").append(Slots.checked(slot));
        }
        return jdbc.sql(sql.get("find-many-with-slots").replace("/*slots*/", columns))
                .param("clientId", clientId).param("ids", SqlArrays.ofIds(ids))
                .query((rs, n) -> SubscriberRow.map(rs, slots)).list();
    }

    public void setStatus(UUID clientId, UUID id, SubscriberStatus status, OffsetDateTime at) {
        jdbc.sql(sql.get("set-status")).param("clientId", clientId).param("id", id)
                .param("status", status.wireName()).param("at", at).update();
    }

    public void delete(UUID clientId, UUID id) {
        jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update();
    }

    public long count(UUID clientId) {
        return jdbc.sql(sql.get("count")).param("clientId", clientId).query(Long.class).single();
    }

    /** A page of subscribers matching an email prefix, status and list (each optional). */
    public List<SubscriberRow> search(UUID clientId, String prefix, String status, UUID listId, Cursor after, int limit) {
        String p = prefix == null ? "" : prefix.strip().toLowerCase(Locale.ROOT);
        String pattern = SqlLike.escape(p) + "%";
        var spec = jdbc.sql(sql.get(after == null ? "search-first" : "search-next"))
                .param("clientId", clientId).param("prefix", p).param("prefixPattern", pattern)
                .param("status", status == null ? "" : status)
                .param("listId", listId == null ? new SqlParameterValue(Types.OTHER, null) : listId)
                .param("limit", limit);
        if (after != null) {
            spec = spec.param("createdAt", after.createdAt()).param("afterId", after.id());
        }
        return spec.query(SubscriberRow::map).list();
    }

    /** What the subscribers page filters by: text in the address or name, a status, a list; each optional. */
    public record Filter(String text, SubscriberStatus status, UUID listId) {}

    /** A page of subscribers matching {@code filter}, in {@code sort}'s order, from row {@code offset}. */
    public List<SubscriberRow> browse(UUID clientId, Filter filter, SubscriberSort sort, int offset, int limit) {
        String order = switch (sort.column()) {
            case "email" -> sql.get("order-by-email");
            case "name" -> sql.get("order-by-name");
            case "status" -> sql.get("order-by-status");
            default -> sql.get("order-by-created");
        };
        String statement = sql.get("browse").replace("/*order*/", order.replace("/*dir*/", sort.descending() ? "desc" : "asc"));
        return filtered(jdbc.sql(statement), clientId, filter).param("limit", limit).param("offset", offset)
                .query(SubscriberRow::map).list();
    }

    /** How many subscribers match {@code filter}. */
    public long countMatching(UUID clientId, Filter filter) {
        return filtered(jdbc.sql(sql.get("browse-count")), clientId, filter).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec filtered(JdbcClient.StatementSpec spec, UUID clientId, Filter filter) {
        String text = filter.text() == null ? "" : filter.text().strip().toLowerCase(Locale.ROOT);
        return spec.param("clientId", clientId).param("text", text).param("textPattern", "%" + SqlLike.escape(text) + "%")
                .param("status", filter.status() == null ? "" : filter.status().wireName())
                .param("listId", filter.listId() == null ? new SqlParameterValue(Types.OTHER, null) : filter.listId());
    }

    /**
     * The values a multi field (its slot) has among the client's subscribers, alphabetically, at
     * most {@code limit}. PostgreSQL unnests the arrays in SQL; H2, which cannot unnest a column,
     * reads the arrays and collects them here (H2 holds small installations).
     */
    public List<String> knownValues(UUID clientId, String slot, int limit) {
        String column = Slots.checked(slot);
        if (!Slots.isMulti(column)) {
            throw new IllegalArgumentException("Not a multi field's slot: " + slot);
        }
        if (postgres) {
            return jdbc.sql(sql.get("known-values-postgresql").replace("/*slot*/", column))
                    .param("clientId", clientId).param("limit", limit).query(String.class).list();
        }
        TreeSet<String> known = new TreeSet<>();
        jdbc.sql(sql.get("known-values-h2").replace("/*slot*/", column)).param("clientId", clientId).query(rs -> {
            for (Object value : (Object[]) rs.getArray(1).getArray()) {
                known.add(String.valueOf(value));
                if (known.size() > limit) {
                    known.pollLast();
                }
            }
        });
        return List.copyOf(known);
    }

    /** The type a slot's text is cast to; none for text (an explicit cast would cut an over-long value silently). */
    private static String castTo(String slot) {
        if (slot.startsWith("text_") || Slots.isMulti(slot)) {
            return null;
        }
        if (slot.startsWith("number_")) {
            return "numeric(24, 6)";
        }
        if (slot.startsWith("date_")) {
            return "date";
        }
        return "boolean";
    }

    private static int sqlType(String slot) {
        if (slot.startsWith("text_")) {
            return Types.VARCHAR;
        }
        if (slot.startsWith("number_")) {
            return Types.NUMERIC;
        }
        if (slot.startsWith("date_")) {
            return Types.DATE;
        }
        if (Slots.isMulti(slot)) {
            return Types.ARRAY;
        }
        return Types.BOOLEAN;
    }
}
