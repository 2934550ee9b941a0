package org.optline.audience.subscribers;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentSource;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only consent ledger: rows are added, read, and removed only by erasure. */
@Repository
public class ConsentStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedSql sql;
    private final boolean postgres;

    public ConsentStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, TenantScope scope) {
        this.jdbc = jdbc;
        this.named = named;
        this.sql = NamedSql.forClass(ConsentStore.class);
        this.postgres = scope.isPostgres();
    }

    /** One ledger row to write. */
    public record Entry(UUID subscriberId, ConsentAct event, UUID listId, ConsentSource source, String detail) {}

    public void append(UUID clientId, OffsetDateTime at, Entry entry) {
        appendAll(clientId, at, List.of(entry));
    }

    public void appendAll(UUID clientId, OffsetDateTime at, Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        named.batchUpdate(sql.get("insert"), entries.stream().map(e -> new MapSqlParameterSource()
                .addValue("clientId", clientId).addValue("subscriberId", e.subscriberId()).addValue("at", at)
                .addValue("event", e.event().wireName()).addValue("listId", e.listId())
                .addValue("sourceKind", e.source().kind().wireName()).addValue("sourceId", truncate(e.source().sourceId(), 200))
                .addValue("ip", truncate(e.source().ip(), 64)).addValue("userAgent", truncate(e.source().userAgent(), 500))
                .addValue("consentText", truncate(e.source().consentText(), 4000))
                .addValue("detail", truncate(e.detail(), 2000))).peek(ConsentStore::typeNullList)
                .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Rows of one event from one source, with a detail each, for many subscribers: one statement
     * (an import's batch). {@code detailBySubscriber} keeps its order in the ledger.
     */
    public void appendForMany(UUID clientId, OffsetDateTime at, ConsentAct event, UUID listId, ConsentSource source,
                              Map<UUID, String> detailBySubscriber) {
        if (detailBySubscriber.size() > SqlArrays.MAX_ELEMENTS) {
            List<UUID> ids = List.copyOf(detailBySubscriber.keySet());
            for (List<UUID> chunk : SqlArrays.chunks(ids)) {
                Map<UUID, String> part = new LinkedHashMap<>();
                chunk.forEach(id -> part.put(id, detailBySubscriber.get(id)));
                appendForMany(clientId, at, event, listId, source, part);
            }
            return;
        }
        if (detailBySubscriber.isEmpty()) {
            return;
        }
        jdbc.sql(sql.get("insert-many")).param("clientId", clientId).param("at", at).param("event", event.wireName())
                .param("listId", listId == null ? new SqlParameterValue(Types.OTHER, null) : listId)
                .param("sourceKind", source.kind().wireName()).param("sourceId", truncate(source.sourceId(), 200))
                .param("ip", new SqlParameterValue(Types.VARCHAR, truncate(source.ip(), 64)))
                .param("userAgent", new SqlParameterValue(Types.VARCHAR, truncate(source.userAgent(), 500)))
                .param("consentText", new SqlParameterValue(Types.VARCHAR, truncate(source.consentText(), 4000)))
                .param("ids", SqlArrays.ofIds(detailBySubscriber.keySet()))
                .param("details", SqlArrays.of(detailBySubscriber.values().stream()
                        .map(d -> truncate(d, 2000)).toList()))
                .update();
    }

    public List<ConsentEvent> ledger(UUID clientId, UUID subscriberId) {
        return jdbc.sql(sql.get("ledger")).param("clientId", clientId).param("subscriberId", subscriberId)
                .query((rs, n) -> new ConsentEvent(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                        ConsentAct.fromWire(rs.getString("event")), rs.getObject("list_id", UUID.class),
                        ConsentChannel.fromWire(rs.getString("source_kind")),
                        rs.getString("source_id"), rs.getString("ip"), rs.getString("user_agent"),
                        rs.getString("consent_text"), rs.getString("detail"))).list();
    }

    /** The client's erasure tombstones of one address (SHA-256 of its key), oldest first. */
    public List<Tombstone> tombstones(UUID clientId, String emailHash) {
        return jdbc.sql(sql.get("tombstones-of")).param("clientId", clientId).param("emailHash", emailHash)
                .query((rs, n) -> new Tombstone(rs.getObject("erased_at", OffsetDateTime.class), rs.getString("erased_by"),
                        rs.getString("reason"))).list();
    }

    /** Proof that an address was erased: when, by whom, why. */
    public record Tombstone(OffsetDateTime erasedAt, String erasedBy, String reason) {}

    /** Removes a subscriber's ledger and leaves the hashed-address tombstone that proves the erasure. */
    public void erase(UUID clientId, UUID subscriberId, String emailHash, String erasedBy, String reason,
                      OffsetDateTime at) {
        if (postgres) {
            jdbc.sql(sql.get("allow-erasure")).query((rs, n) -> 1).list();
        }
        jdbc.sql(sql.get("erase")).param("clientId", clientId).param("subscriberId", subscriberId).update();
        jdbc.sql(sql.get("tombstone")).param("clientId", clientId).param("emailHash", emailHash).param("at", at)
                .param("erasedBy", erasedBy).param("reason", reason).update();
    }

    // A null uuid needs a type for the PostgreSQL driver; a present one must not carry Types.OTHER for H2.
    private static void typeNullList(MapSqlParameterSource params) {
        if (params.getValue("listId") == null) {
            params.registerSqlType("listId", Types.OTHER);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
