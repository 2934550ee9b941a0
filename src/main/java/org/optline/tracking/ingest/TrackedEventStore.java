package org.optline.tracking.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackedEvent;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Raw tracking events and the queue of those not yet handed to their listeners. One call inserts
 * a whole group as a JDBC batch into each, which the PostgreSQL driver sends as multi-row inserts
 * ({@code reWriteBatchedInserts}, see platform's {@code PostgresBatching}). Positional parameters
 * on purpose: this runs for every hit, and a batch of a few hundred rows should cost the insert,
 * not building parameter maps.
 */
@Repository
class TrackedEventStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final NamedSql sql = NamedSql.forClass(TrackedEventStore.class);
    private final boolean postgres;

    TrackedEventStore(JdbcTemplate jdbc, JdbcClient client, TenantScope scope) {
        this.jdbc = jdbc;
        this.client = client;
        this.postgres = scope.isPostgres();
    }

    /**
     * Inserts {@code events} and queues them for the listeners, in the platform scope (one group
     * holds many clients' events) and the caller's transaction.
     */
    void insert(List<TrackedEvent> events) {
        jdbc.batchUpdate(sql.get("insert"), rows(events));
        jdbc.batchUpdate(sql.get("insert-pending"), rows(events));
    }

    /** Removes and answers up to {@code limit} of the oldest queued events (the caller's transaction keeps them until it commits). */
    List<TrackedEvent> takePending(int limit) {
        return client.sql(sql.get(postgres ? "take-pending-pg" : "take-pending-h2")).param("limit", limit)
                .query((rs, n) -> event(rs)).list();
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

    private static BatchPreparedStatementSetter rows(List<TrackedEvent> events) {
        return new BatchPreparedStatementSetter() {
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
        };
    }

    private static TrackedEvent event(ResultSet rs) throws SQLException {
        return new TrackedEvent(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getObject("subscriber_id", UUID.class),
                TrackedEvent.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getInt("link"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                TrackedEvent.Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)), rs.getString("rule"),
                rs.getString("provider_group"));
    }
}
