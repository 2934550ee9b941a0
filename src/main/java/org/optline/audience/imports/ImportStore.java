package org.optline.audience.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.ImportJob;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.SqlLike;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for imports: the job rows, their claims and leases, progress, and rejected/flagged rows. */
@Repository
public class ImportStore {

    /** A job waiting for a worker. */
    public record Claimable(UUID id, UUID clientId) {}

    /** The counts one batch adds. */
    public record Progress(long imported, long updated, long rejected, long suppressed, long flagged) {}

    /**
     * A row to list as rejected ("error") or flagged ("flag"); {@code cells}: a rejected row's
     * original cells as one CSV record ({@link CsvFiles#encodeRow}), null for a flag.
     */
    public record Issue(long line, String kind, String message, String cells) {

        /** A flag: the row was imported, so its cells are not kept. */
        public Issue(long line, String kind, String message) {
            this(line, kind, message, null);
        }
    }

    /** A rejected row as kept: its line, why, and its original cells (empty when not kept). */
    public record RejectedRow(long line, String message, List<String> cells) {}

    /** Longer rejected rows are listed without their cells (bounds what an import keeps). */
    public static final int MAX_ROW_CHARS = 16_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedSql sql;
    private final boolean postgres;

    public ImportStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, TenantScope scope) {
        this.jdbc = jdbc;
        this.named = named;
        this.sql = NamedSql.forClass(ImportStore.class);
        this.postgres = scope.isPostgres();
    }

    public void insert(UUID id, UUID clientId, UUID listId, String fileName, String sha256, long bytes, char separator,
                       List<String> headers, String columnMap, long rowsTotal, OffsetDateTime at) {
        jdbc.sql(sql.get("insert")).param("id", id).param("clientId", clientId).param("listId", listId)
                .param("fileName", fileName).param("sha256", sha256).param("bytes", bytes)
                .param("separator", String.valueOf(separator)).param("headers", String.join("\t", headers))
                .param("columnMap", columnMap).param("rowsTotal", rowsTotal).param("at", at).update();
    }

    /** Uploads never started and older than {@code before}, at most 500 (platform scope). */
    public List<Claimable> unstartedBefore(OffsetDateTime before) {
        return jdbc.sql(sql.get("unstarted-before")).param("before", before)
                .query((rs, n) -> new Claimable(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class))).list();
    }

    /** Deletes an upload unless it was started meanwhile; answers whether it did. */
    public boolean deleteUnstarted(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("delete-unstarted")).param("clientId", clientId).param("id", id).update() == 1;
    }

    public Optional<Row> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(ImportStore::map).optional();
    }

    public List<Row> list(UUID clientId, int limit) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).param("limit", limit).query(ImportStore::map).list();
    }

    public boolean queue(UUID clientId, UUID id, String columnMap, String attestation, String attestedBy, String sourceIp,
                         OffsetDateTime at) {
        return jdbc.sql(sql.get("queue")).param("clientId", clientId).param("id", id).param("columnMap", columnMap)
                .param("attestation", attestation).param("attestedBy", attestedBy).param("sourceIp", sourceIp)
                .param("at", at).update() == 1;
    }

    /** Jobs any node may take: run in platform scope, since no client is known yet. */
    /** Imports a node may take, oldest first, of clients other than {@code held}. */
    public List<Claimable> claimable(OffsetDateTime now, Collection<UUID> held) {
        return jdbc.sql(sql.get("claimable")).param("now", now).param("held", SqlArrays.ofIds(held))
                .query((rs, n) -> new Claimable(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class))).list();
    }

    public boolean claim(UUID id, String token, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return jdbc.sql(sql.get("claim")).param("id", id).param("token", token).param("now", now)
                .param("leaseUntil", leaseUntil).update() == 1;
    }

    /** Adds a batch's counts and moves the checkpoint; false when the job is no longer running here. */
    public boolean progress(UUID clientId, UUID id, String token, Progress p, long nextRecord, OffsetDateTime leaseUntil) {
        return jdbc.sql(sql.get("progress")).param("clientId", clientId).param("id", id).param("token", token)
                .param("imported", p.imported()).param("updated", p.updated()).param("rejected", p.rejected())
                .param("suppressed", p.suppressed()).param("flagged", p.flagged())
                .param("nextRecord", nextRecord).param("leaseUntil", leaseUntil).update() == 1;
    }

    /** Ends the job if this claim still holds it; answers whether it did. */
    public boolean finish(UUID clientId, UUID id, String token, String status, String error, OffsetDateTime at) {
        return jdbc.sql(sql.get("finish")).param("clientId", clientId).param("id", id).param("token", token).param("status", status)
                .param("error", error).param("at", at).update() == 1;
    }

    public void insertIssues(UUID clientId, UUID importId, List<Issue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        named.batchUpdate(sql.get("insert-issue"), issues.stream().map(i -> new MapSqlParameterSource()
                .addValue("importId", importId).addValue("clientId", clientId).addValue("line", i.line())
                .addValue("kind", i.kind()).addValue("message", i.message().length() > 500 ? i.message().substring(0, 500) : i.message())
                .addValue("cells", i.cells() == null || i.cells().length() > MAX_ROW_CHARS ? null : i.cells()))
                .toArray(MapSqlParameterSource[]::new));
    }

    public long countIssues(UUID clientId, UUID importId) {
        return jdbc.sql(sql.get("count-issues")).param("clientId", clientId).param("importId", importId).query(Long.class).single();
    }

    public List<ImportJob.Issue> issues(UUID clientId, UUID importId, String kind, int limit) {
        return jdbc.sql(sql.get("issues")).param("clientId", clientId).param("importId", importId).param("kind", kind)
                .param("limit", limit).query((rs, n) -> new ImportJob.Issue(rs.getLong("line"), rs.getString("message"))).list();
    }

    /** Rejected rows in line order, at most {@code limit}; those without kept cells included. */
    public List<RejectedRow> rejectedRows(UUID clientId, UUID importId, int limit) {
        return jdbc.sql(sql.get("rejected-rows")).param("clientId", clientId).param("importId", importId).param("limit", limit)
                .query((rs, n) -> {
                    String cells = rs.getString("cells");
                    return new RejectedRow(rs.getLong("line"), rs.getString("message"),
                            cells == null ? List.of() : CsvFiles.decodeRow(cells));
                }).list();
    }

    /** Fresh planner statistics of the subscriber tables (PostgreSQL; H2 plans without any worth refreshing). */
    public void refreshStatistics() {
        if (postgres) {
            jdbc.sql(sql.get("small-statistics-sample")).update();
            jdbc.sql(sql.get("refresh-statistics")).update();
        }
    }

    /** Deletes the import issues that mention an address (erasure). */
    public void forgetAddress(UUID clientId, String emailKey) {
        String pattern = "%" + SqlLike.escape(emailKey) + "%";
        jdbc.sql(sql.get("forget-address")).param("clientId", clientId).param("pattern", pattern).update();
    }

    /** An imports row. */
    public record Row(ImportJob job, UUID clientId, char separator) {}

    private static Row map(ResultSet rs, int n) throws SQLException {
        List<String> headers = Arrays.asList(rs.getString("headers").split("\t", -1));
        var job = new ImportJob(rs.getObject("id", UUID.class), rs.getObject("list_id", UUID.class), rs.getString("status"),
                rs.getString("file_name"), rs.getString("file_sha256"), rs.getLong("file_bytes"), headers,
                CsvLayout.decodeTargets(rs.getString("column_map"), headers.size()), rs.getLong("rows_total"),
                rs.getLong("rows_imported"), rs.getLong("rows_updated"), rs.getLong("rows_rejected"),
                rs.getLong("rows_suppressed"), rs.getLong("rows_flagged"), rs.getLong("next_record"), rs.getString("error"),
                rs.getString("attestation"), rs.getString("attested_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));
        return new Row(job, rs.getObject("client_id", UUID.class), rs.getString("separator_char").charAt(0));
    }
}
