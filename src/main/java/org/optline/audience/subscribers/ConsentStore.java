package org.optline.audience.subscribers;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentSource;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only consent ledger: rows are added, read, and removed only by erasure. A subscriber's
 * acts are rows of their own; an import is one row that the memberships it created point at, each
 * with its line of the file (see docs/audience.md).
 */
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
     * What an import attests, once for all its rows: the list, the client's attestation and the
     * address it came from, the file's SHA-256 and who attested.
     */
    public record ImportEvidence(UUID importId, UUID listId, String sourceIp, String attestation, String fileSha256,
                                 String attestedBy) {

        /** The ledger detail of the import row; a membership's line is put in front when it is read. */
        String detail() {
            return "file sha256:" + fileSha256 + ", attested by " + attestedBy;
        }
    }

    /**
     * The import's one ledger row, written on the first call and found on every later one (a
     * resumed import, each batch): its id, for the memberships the import creates to point at.
     */
    public long importRow(UUID clientId, ImportEvidence evidence, OffsetDateTime at) {
        String sourceId = evidence.importId().toString();
        jdbc.sql(sql.get("insert-import-row")).param("clientId", clientId).param("at", at)
                .param("listId", evidence.listId() == null ? new SqlParameterValue(Types.OTHER, null) : evidence.listId())
                .param("sourceId", sourceId)
                .param("ip", new SqlParameterValue(Types.VARCHAR, truncate(evidence.sourceIp(), 64)))
                .param("consentText", new SqlParameterValue(Types.VARCHAR, truncate(evidence.attestation(), 4000)))
                .param("detail", truncate(evidence.detail(), 2000))
                .update();
        return jdbc.sql(sql.get("import-row")).param("clientId", clientId).param("sourceId", sourceId)
                .query(Long.class).single();
    }

    /**
     * Before a list is deleted: gives each subscriber an import made a member of it their own copy
     * of that evidence, since the memberships that point at the import's row go with the list.
     */
    public void keepImportEvidenceOfList(UUID clientId, UUID listId) {
        jdbc.sql(sql.get("keep-import-evidence-of-list")).param("clientId", clientId).param("listId", listId).update();
    }

    /**
     * A subscriber's ledger, oldest first: their own rows and, for each membership an import
     * created, the import's row with the line that named them.
     */
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

    /**
     * Removes a subscriber's own ledger rows and leaves the hashed-address tombstone that proves the
     * erasure. Import rows stay: they name no one, and the subscriber's links to them are their
     * memberships, which the erasure deletes with the subscriber.
     */
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
