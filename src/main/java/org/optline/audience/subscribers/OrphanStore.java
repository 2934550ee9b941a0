package org.optline.audience.subscribers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.optline.audience.Orphans;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The anti-joins that count audience rows whose parent is gone ({@link Orphans}). */
@Repository
public class OrphanStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(OrphanStore.class);

    public OrphanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every client's rows; run with platform rights, or row-level security shows only the scope's. */
    public Orphans.Counts countAll() {
        return jdbc.sql(sql.get("count-all")).query(OrphanStore::map).single();
    }

    public Orphans.Counts countOf(UUID clientId) {
        return jdbc.sql(sql.get("count-client")).param("clientId", clientId).query(OrphanStore::map).single();
    }

    private static Orphans.Counts map(ResultSet rs, int row) throws SQLException {
        return new Orphans.Counts(rs.getLong("memberships_without_subscriber"), rs.getLong("memberships_without_list"),
                rs.getLong("memberships_without_consent_row"),
                rs.getLong("subscribers_without_client"), rs.getLong("consent_without_subscriber"));
    }
}
