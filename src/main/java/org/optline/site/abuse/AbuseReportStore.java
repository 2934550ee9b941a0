package org.optline.site.abuse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the abuse form's reports: the platform's own rows, read by operators. */
@Repository
class AbuseReportStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(AbuseReportStore.class);

    AbuseReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AbuseReport r) {
        jdbc.sql(sql.get("insert"))
                .param("id", r.id()).param("reference", r.reference()).param("reporterEmail", r.reporterEmail())
                .param("note", r.note()).param("pasted", r.pasted()).param("outcome", r.outcome())
                .param("matchedClient", r.clientId()).param("matchedCampaign", r.campaignId()).param("caseId", r.caseId())
                .param("matchedBy", r.matchedBy()).param("createdAt", r.createdAt())
                .update();
    }

    Optional<AbuseReport> find(UUID id) {
        return jdbc.sql(sql.get("find")).param("id", id).query(AbuseReportStore::report).optional();
    }

    List<AbuseReport> page(String outcome, Cursor after, int limit) {
        return jdbc.sql(sql.get("page"))
                .param("outcome", outcome)
                .param("afterAt", after == null ? null : after.createdAt())
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(AbuseReportStore::report).list();
    }

    int purge(OffsetDateTime before) {
        return jdbc.sql(sql.get("purge")).param("before", before).update();
    }

    private static AbuseReport report(ResultSet rs, int row) throws SQLException {
        return new AbuseReport(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("reporter_email"),
                rs.getString("note"), rs.getString("pasted"), rs.getString("outcome"),
                rs.getObject("matched_client", UUID.class), rs.getObject("matched_campaign", UUID.class),
                rs.getObject("case_id", UUID.class), rs.getString("matched_by"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
