package org.optline.compliance.termination;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for termination_jobs. Callers run it in a platform {@code TenantScope}: these rows are the operator's. */
@Repository
class TerminationStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(TerminationStore.class);

    TerminationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new termination; answers false when the client already has one. */
    boolean insert(UUID clientId, String reason, OffsetDateTime at) {
        return jdbc.sql(sql.get("insert")).param("clientId", clientId).param("reason", reason)
                .param("state", TerminationState.EXPORTING.wireName()).param("at", at).update() == 1;
    }

    Optional<TerminationJob> find(UUID clientId) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).query(TerminationStore::map).optional();
    }

    Optional<TerminationJob> findByTokenHash(String tokenHash) {
        return jdbc.sql(sql.get("find-by-token-hash")).param("tokenHash", tokenHash).query(TerminationStore::map).optional();
    }

    /** Jobs with work due at {@code now} and no live lease. */
    List<UUID> due(OffsetDateTime now) {
        return jdbc.sql(sql.get("due")).param("now", now).query(UUID.class).list();
    }

    /** Takes the job for this node until {@code until}; answers whether it was free. */
    boolean claim(UUID clientId, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql(sql.get("claim")).param("clientId", clientId).param("now", now).param("until", until).update() == 1;
    }

    void release(UUID clientId, OffsetDateTime at) {
        jdbc.sql(sql.get("release")).param("clientId", clientId).param("at", at).update();
    }

    void failed(UUID clientId, String error, OffsetDateTime retryAt, OffsetDateTime at) {
        jdbc.sql(sql.get("failed")).param("clientId", clientId).param("error", error).param("retryAt", retryAt)
                .param("at", at).update();
    }

    /** The export is written: its file, figures, window and link. */
    void exported(UUID clientId, String file, ExportArchive.Written written, String tokenHash, String mailedTo,
                  OffsetDateTime readyAt, OffsetDateTime expiresAt) {
        jdbc.sql(sql.get("exported"))
                .param("clientId", clientId)
                .param("expected", TerminationState.EXPORTING.wireName())
                .param("next", TerminationState.EXPORT_READY.wireName())
                .param("file", file)
                .param("bytes", written.bytes())
                .param("sha256", written.sha256())
                .param("tables", written.tables())
                .param("rows", written.rows())
                .param("tokenHash", tokenHash)
                .param("mailedTo", mailedTo)
                .param("readyAt", readyAt)
                .param("expiresAt", expiresAt)
                .update();
    }

    boolean requestPurge(UUID clientId, OffsetDateTime at) {
        return jdbc.sql(sql.get("request-purge")).param("clientId", clientId)
                .param("expected", TerminationState.EXPORT_READY.wireName()).param("at", at).update() == 1;
    }

    boolean move(UUID clientId, TerminationState expected, TerminationState next, OffsetDateTime at) {
        return jdbc.sql(sql.get("move")).param("clientId", clientId).param("expected", expected.wireName())
                .param("next", next.wireName()).param("at", at).update() == 1;
    }

    /** Adds to the count of purged rows, in the transaction that deleted them, and extends the lease. */
    void purgedBatch(UUID clientId, int rows, OffsetDateTime until, OffsetDateTime at) {
        jdbc.sql(sql.get("purged-batch")).param("clientId", clientId).param("rows", rows).param("until", until)
                .param("at", at).update();
    }

    void downloaded(UUID clientId, OffsetDateTime at) {
        jdbc.sql(sql.get("downloaded")).param("clientId", clientId).param("at", at).update();
    }

    void exportDeleted(UUID clientId, OffsetDateTime at) {
        jdbc.sql(sql.get("export-deleted")).param("clientId", clientId).param("at", at).update();
    }

    private static TerminationJob map(ResultSet rs, int row) throws SQLException {
        return new TerminationJob(
                rs.getObject("client_id", UUID.class),
                rs.getString("reason"),
                TerminationState.fromWire(rs.getString("state")),
                rs.getObject("requested_at", OffsetDateTime.class),
                rs.getString("export_file"),
                rs.getObject("export_bytes", Long.class),
                rs.getString("export_sha256"),
                rs.getObject("export_tables", Integer.class),
                rs.getObject("export_rows", Long.class),
                rs.getObject("export_ready_at", OffsetDateTime.class),
                rs.getObject("export_expires_at", OffsetDateTime.class),
                rs.getString("mailed_to"),
                rs.getInt("downloads"),
                rs.getObject("last_download_at", OffsetDateTime.class),
                rs.getObject("export_deleted_at", OffsetDateTime.class),
                rs.getObject("purge_requested_at", OffsetDateTime.class),
                rs.getObject("purge_started_at", OffsetDateTime.class),
                rs.getLong("purged_rows"),
                rs.getObject("purged_at", OffsetDateTime.class),
                rs.getString("last_error"));
    }
}
