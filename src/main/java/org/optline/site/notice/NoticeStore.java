package org.optline.site.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the policy notices table (the platform's: callers run it with platform rights). */
@Repository
public class NoticeStore {

    /** One notice run as stored. */
    public record Row(int version, UUID policyId, String summary, OffsetDateTime publishedAt, String status, UUID campaignId,
                      Long members, Long membersAdded, Long membersRemoved, Long recipients, String note,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(NoticeStore.class);

    public NoticeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the version's notice as being prepared; false when it was recorded before (by any node). */
    public boolean claim(int version, UUID policyId, String summary, OffsetDateTime publishedAt, OffsetDateTime at) {
        return jdbc.sql(sql.get("claim")).param("version", version).param("policyId", policyId).param("summary", summary)
                .param("publishedAt", publishedAt).param("at", at).update() == 1;
    }

    public Optional<Row> find(int version) {
        return jdbc.sql(sql.get("find")).param("version", version).query(NoticeStore::map).optional();
    }

    public List<Row> list() {
        return jdbc.sql(sql.get("list")).query(NoticeStore::map).list();
    }

    public void refreshed(int version, long members, long added, long removed, OffsetDateTime at) {
        jdbc.sql(sql.get("refreshed")).param("version", version).param("members", members).param("added", added)
                .param("removed", removed).param("at", at).update();
    }

    public void campaign(int version, UUID campaignId, OffsetDateTime at) {
        jdbc.sql(sql.get("campaign")).param("version", version).param("campaignId", campaignId).param("at", at).update();
    }

    public void finish(int version, String status, Long recipients, String note, OffsetDateTime at) {
        jdbc.sql(sql.get("finish")).param("version", version).param("status", status)
                .param("recipients", new SqlParameterValue(Types.BIGINT, recipients))
                .param("note", new SqlParameterValue(Types.VARCHAR, note == null || note.length() <= 4000 ? note : note.substring(0, 4000)))
                .param("at", at).update();
    }

    /** Makes a failed (or abandoned) run preparing again; false when it is neither. */
    public boolean reopen(int version, OffsetDateTime staleBefore, OffsetDateTime at) {
        return jdbc.sql(sql.get("reopen")).param("version", version).param("staleBefore", staleBefore).param("at", at)
                .update() == 1;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getInt("policy_version"), rs.getObject("policy_id", UUID.class), rs.getString("summary"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getString("status"), rs.getObject("campaign_id", UUID.class),
                rs.getObject("members", Long.class), rs.getObject("members_added", Long.class),
                rs.getObject("members_removed", Long.class), rs.getObject("recipients", Long.class), rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
