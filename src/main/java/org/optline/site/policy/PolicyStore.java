package org.optline.site.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.site.PolicyVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for site_policies. Reads need no client scope (the policy is public); inserts run in the platform's. */
@Repository
public class PolicyStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(PolicyStore.class);

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PolicyVersion> latest() {
        return jdbc.sql(sql.get("latest")).query(PolicyStore::map).optional();
    }

    public Optional<PolicyVersion> find(int version) {
        return jdbc.sql(sql.get("find")).param("version", version).query(PolicyStore::map).optional();
    }

    /** Every version, newest first. */
    public List<PolicyVersion> all() {
        return jdbc.sql(sql.get("all")).query(PolicyStore::map).list();
    }

    /** Up to {@code limit} versions below {@code before} (null: from the newest), newest first. */
    public List<PolicyVersion> page(Integer before, int limit) {
        return jdbc.sql(sql.get("page")).param("before", before, Types.INTEGER).param("limit", limit)
                .query(PolicyStore::map).list();
    }

    public int nextVersion() {
        return jdbc.sql(sql.get("next-version")).query(Integer.class).single();
    }

    /** Inserts a version; a number another publisher took meanwhile fails with a duplicate key. */
    public void insert(PolicyVersion v) {
        jdbc.sql(sql.get("insert"))
                .param("id", v.id())
                .param("version", v.version())
                .param("body", v.text())
                .param("material", v.material())
                .param("summary", v.summary())
                .param("publishedAt", v.publishedAt())
                .param("publishedBy", v.publishedBy())
                .param("publishedByLabel", v.publishedByLabel())
                .update();
    }

    /** Inserts version 1 when there is no version at all; answers whether it did. */
    boolean insertFirst(UUID id, String body, String summary, OffsetDateTime at, String label) {
        return jdbc.sql(sql.get("insert-first")).param("id", id).param("body", body).param("summary", summary)
                .param("publishedAt", at).param("publishedByLabel", label).update() == 1;
    }

    private static PolicyVersion map(ResultSet rs, int row) throws SQLException {
        return new PolicyVersion(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("body"),
                rs.getBoolean("material"), rs.getString("summary"), rs.getObject("published_at", OffsetDateTime.class),
                rs.getObject("published_by", UUID.class), rs.getString("published_by_label"));
    }
}
