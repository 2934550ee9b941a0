package org.optline.site.accesslog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code site_access_log} table. Every method runs in the caller's transaction, which on
 * PostgreSQL must be in the platform scope (row-level security admits no client).
 */
@Repository
class AccessLogStore {

    /** One day's figures. */
    record Day(LocalDate day, long requests, long networks, long bytes, long status2xx, long status3xx, long status4xx,
               long status5xx) {

        static Day empty(LocalDate day) {
            return new Day(day, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** Requests counted under one label (a page, a browser family, a referrer host). */
    record Count(String label, long requests) {}

    /** Requests counted under one label on one day. */
    record DayCount(LocalDate day, String label, long requests) {}

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(AccessLogStore.class);

    AccessLogStore(JdbcTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    /** Inserts the rows as one JDBC batch (positional parameters: this runs for every page view). */
    void insert(List<AccessEntry> entries) {
        template.batchUpdate(sql.get("insert"), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                AccessEntry e = entries.get(i);
                OffsetDateTime at = e.at().withOffsetSameInstant(ZoneOffset.UTC);
                ps.setObject(1, at);
                ps.setObject(2, at.toLocalDate());
                ps.setString(3, e.method());
                ps.setString(4, e.path());
                ps.setInt(5, e.status());
                ps.setLong(6, e.bytes());
                setText(ps, 7, e.referrerHost());
                ps.setString(8, e.browser());
                setText(ps, 9, e.network());
            }

            @Override
            public int getBatchSize() {
                return entries.size();
            }
        });
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** Deletes up to {@code limit} rows from before {@code before}; answers how many. */
    int purge(OffsetDateTime before, int limit) {
        return jdbc.sql(sql.get("purge")).param("before", before).param("limit", limit).update();
    }

    /** The days of the range that have rows, in order. */
    List<Day> days(LocalDate from, LocalDate to) {
        return jdbc.sql(sql.get("days")).param("from", from).param("to", to)
                .query((rs, n) -> new Day(rs.getObject("visit_day", LocalDate.class), rs.getLong("requests"), rs.getLong("networks"),
                        rs.getLong("bytes"), rs.getLong("status_2xx"), rs.getLong("status_3xx"), rs.getLong("status_4xx"),
                        rs.getLong("status_5xx")))
                .list();
    }

    long networks(LocalDate from, LocalDate to) {
        return jdbc.sql(sql.get("networks")).param("from", from).param("to", to).query(Long.class).single();
    }

    List<Count> pages(LocalDate from, LocalDate to, int limit) {
        return counts(sql.get("pages"), from, to, limit);
    }

    List<Count> browsers(LocalDate from, LocalDate to, int limit) {
        return counts(sql.get("browsers"), from, to, limit);
    }

    List<Count> referrers(LocalDate from, LocalDate to, int limit) {
        return counts(sql.get("referrers"), from, to, limit);
    }

    List<DayCount> pageDays(LocalDate from, LocalDate to) {
        return dayCounts(sql.get("page-days"), from, to);
    }

    List<DayCount> browserDays(LocalDate from, LocalDate to) {
        return dayCounts(sql.get("browser-days"), from, to);
    }

    private List<Count> counts(String statement, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql(statement).param("from", from).param("to", to).param("limit", limit)
                .query((rs, n) -> new Count(rs.getString("label"), rs.getLong("requests"))).list();
    }

    private List<DayCount> dayCounts(String statement, LocalDate from, LocalDate to) {
        return jdbc.sql(statement).param("from", from).param("to", to)
                .query((rs, n) -> new DayCount(rs.getObject("visit_day", LocalDate.class), rs.getString("label"), rs.getLong("requests")))
                .list();
    }
}
