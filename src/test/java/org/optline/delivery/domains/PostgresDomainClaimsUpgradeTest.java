package org.optline.delivery.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.test.PostgresDatabases;

/**
 * Sending domains added before claims existed are claimed by V19, on PostgreSQL under row-level
 * security as the application's role: each name by the client that added it first; a later row
 * of the same name, or of a name below or above an earlier one of another client, stays without
 * a claim and loses any verification. (H2 runs the same statement from its own V19_1; see
 * SendQueueUpgradeTest for why H2 has no such test.)
 */
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
class PostgresDomainClaimsUpgradeTest {

    static final UUID FIRST = UUID.randomUUID();
    static final UUID SECOND = UUID.randomUUID();

    @Test
    void theFirstToAddANameKeepsItAndLaterOverlapsAreLeftUnclaimed() throws SQLException {
        Map<String, Object> database = PostgresDatabases.createDatabase();
        String url = (String) database.get("spring.datasource.url");
        String user = (String) database.get("spring.datasource.username");
        migrate(url, user, lastBeforeV19(url, user));
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('optline.scope', 'platform', true)");
            for (UUID client : List.of(FIRST, SECOND)) {
                s.execute("insert into clients (id, name, postal_address, status, time_zone, created_at, updated_at) values ('"
                        + client + "', 'C', '1 Road', 'active', 'UTC', current_timestamp, current_timestamp)");
            }
            domain(s, FIRST, "shop.example", 1);
            domain(s, SECOND, "shop.example", 2);
            domain(s, SECOND, "mail.shop.example", 3);
            domain(s, SECOND, "other.example", 4);
            domain(s, FIRST, "news.other.example", 5);
            c.commit();
        }
        migrate(url, user, null);
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('optline.scope', 'platform', true)");
            List<String> claims = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select c.domain, c.client_id, d.domain from sending_domain_claims c "
                    + "join sending_domains d on d.id = c.domain_id order by c.domain")) {
                while (rs.next()) {
                    assertThat(rs.getString(3)).isEqualTo(rs.getString(1));
                    claims.add(rs.getString(1) + " " + (FIRST.equals(rs.getObject(2)) ? "first" : "second"));
                }
            }
            assertThat(claims).containsExactly("other.example second", "shop.example first");
            try (ResultSet rs = s.executeQuery("select count(*) from sending_domains where verified_at is not null")) {
                rs.next();
                assertThat(rs.getLong(1)).as("verified rows left: only the claimed ones").isEqualTo(2);
            }
            c.commit();
        }
    }

    /** A verified domain row, the {@code order}-th added (a higher number is more recent). */
    private static void domain(Statement s, UUID client, String name, int order) throws SQLException {
        s.execute("insert into sending_domains (id, client_id, domain, selector, private_key, public_key, created_at, verified_at) "
                + "values ('" + UUID.randomUUID() + "', '" + client + "', '" + name + "', 'sel', 'key', 'pub', "
                + "current_timestamp - interval '" + (10 - order) + " minutes', current_timestamp)");
    }

    /** The last migration before V19, whichever other migrations exist by then. */
    private static String lastBeforeV19(String url, String user) {
        var v19 = MigrationVersion.fromVersion("19");
        return Arrays.stream(Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration/common",
                        "classpath:db/migration/postgresql").load().info().all())
                .map(MigrationInfo::getVersion).filter(v -> v != null && v.compareTo(v19) < 0)
                .max(Comparator.naturalOrder()).orElseThrow().getVersion();
    }

    private static void migrate(String url, String user, String target) {
        var config = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration/common",
                "classpath:db/migration/postgresql");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
