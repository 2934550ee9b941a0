package org.optline.tracking.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.optline.platform.NamedSql;
import org.optline.tracking.TrackedEvent;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Raw tracking events. One call inserts a whole group as one JDBC batch, which the PostgreSQL
 * driver sends as multi-row inserts ({@code reWriteBatchedInserts}, see platform's
 * {@code PostgresBatching}). Positional parameters on purpose: this runs for every hit, and a
 * batch of a few hundred rows should cost the insert, not building parameter maps.
 */
@Repository
class TrackedEventStore {

    private final JdbcTemplate jdbc;
    private final NamedSql sql = NamedSql.forClass(TrackedEventStore.class);

    TrackedEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts {@code events}, in the platform scope: one group holds many clients' events. */
    void insert(List<TrackedEvent> events) {
        jdbc.batchUpdate(sql.get("insert"), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                TrackedEvent e = events.get(i);
                ps.setObject(1, e.id());
                ps.setObject(2, e.clientId());
                ps.setObject(3, e.campaignId());
                if (e.subscriberId() == null) {
                    ps.setNull(4, Types.OTHER);
                } else {
                    ps.setObject(4, e.subscriberId());
                }
                ps.setString(5, e.kind().name().toLowerCase(Locale.ROOT));
                ps.setInt(6, e.link());
                ps.setObject(7, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                ps.setString(8, e.source().name().toLowerCase(Locale.ROOT));
                ps.setString(9, e.rule());
                ps.setString(10, e.providerGroup());
            }

            @Override
            public int getBatchSize() {
                return events.size();
            }
        });
    }

    /**
     * Writes H2's committed changes to its file now. H2 (MVStore) writes commits in the background,
     * up to a write delay later, so a process killed in between loses transactions it had
     * committed (TrackingKillTest found 22 of 1,518 answered clicks gone). Called after each
     * group's commit, before its hits are answered; PostgreSQL's commit is durable by itself.
     */
    void flushH2() {
        jdbc.execute(sql.get("flush-h2"));
    }
}
