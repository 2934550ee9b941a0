package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.test.PostgresDatabases;

/**
 * A queue left by the layout before V12 (rows marked 'sending', settled rows that kept a retry
 * time) is brought over by the migrations on PostgreSQL, under row-level security as the
 * application's own role: nothing in flight is lost, nothing settled is retried, and finished
 * jobs get their final counts. (H2 runs the same statements from its own V12_1 and V13_1. Rows
 * written straight over JDBC into an H2 database Flyway had migrated failed H2's evaluation of
 * the state check with "database has been closed", so H2 has no such test.)
 */
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
class SendQueueUpgradeTest {

    static final UUID CLIENT = UUID.randomUUID();
    static final UUID RUNNING = UUID.randomUUID();
    static final UUID FINISHED = UUID.randomUUID();
    static final UUID IN_FLIGHT = UUID.randomUUID();
    static final UUID SENT_AFTER_RETRY = UUID.randomUUID();
    static final UUID WAITING = UUID.randomUUID();

    @Test
    void onPostgresUnderRowLevelSecurity() throws SQLException {
        Map<String, Object> database = PostgresDatabases.createDatabase();
        upgradeAndCheck((String) database.get("spring.datasource.url"), (String) database.get("spring.datasource.username"), "",
                "postgresql");
    }

    private void upgradeAndCheck(String url, String user, String password, String vendor) throws SQLException {
        migrate(url, user, password, vendor, "11");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (vendor.equals("postgresql")) {
                s.execute("select set_config('optline.scope', 'platform', true)");
            }
            s.execute("insert into send_jobs (campaign_id, client_id, recipients, materialized_at) values ('" + RUNNING + "', '"
                    + CLIENT + "', 3, current_timestamp)");
            s.execute("insert into send_jobs (campaign_id, client_id, recipients, materialized_at, finished_at) values ('" + FINISHED
                    + "', '" + CLIENT + "', 3, current_timestamp, current_timestamp)");
            row(s, RUNNING, IN_FLIGHT, "'sending'", "null", "'old-token'");
            row(s, RUNNING, SENT_AFTER_RETRY, "'sent'", "current_timestamp", "null");
            row(s, RUNNING, WAITING, "'deferred'", "current_timestamp", "null");
            row(s, FINISHED, UUID.randomUUID(), "'sent'", "null", "null");
            row(s, FINISHED, UUID.randomUUID(), "'sent'", "current_timestamp", "null");
            row(s, FINISHED, UUID.randomUUID(), "'failed'", "current_timestamp", "null");
            c.commit();
        }
        migrate(url, user, password, vendor, null);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (vendor.equals("postgresql")) {
                s.execute("select set_config('optline.scope', 'platform', true)");
            }
            assertThat(queueRow(s, IN_FLIGHT)).isEqualTo("queued|null|null");
            assertThat(queueRow(s, SENT_AFTER_RETRY)).isEqualTo("sent|null|null");
            assertThat(queueRow(s, WAITING)).startsWith("deferred|").doesNotContain("|null|");
            try (ResultSet rs = s.executeQuery("select final_sent, final_failed, final_suppressed from send_jobs where campaign_id = '"
                    + FINISHED + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getLong(3)).isZero();
            }
            c.commit();
        }
    }

    private static void row(Statement s, UUID campaign, UUID subscriber, String state, String nextAttempt, String token)
            throws SQLException {
        s.execute("insert into send_queue (campaign_id, client_id, subscriber_id, state, next_attempt_at, lease_token, updated_at) "
                + "values ('" + campaign + "', '" + CLIENT + "', '" + subscriber + "', " + state + ", " + nextAttempt + ", " + token
                + ", current_timestamp)");
    }

    /** state|next_attempt_at set or null|lease_token */
    private static String queueRow(Statement s, UUID subscriber) throws SQLException {
        try (ResultSet rs = s.executeQuery("select state, next_attempt_at, lease_token from send_queue where subscriber_id = '"
                + subscriber + "'")) {
            assertThat(rs.next()).as("row of %s", subscriber).isTrue();
            return rs.getString(1) + "|" + (rs.getObject(2) == null ? "null" : "set") + "|" + rs.getString(3);
        }
    }

    private static void migrate(String url, String user, String password, String vendor, String target) {
        var config = Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
