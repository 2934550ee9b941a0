package org.optline.audience.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.test.PostgresDatabases;

/**
 * {@link MultiFieldsUpgradeContract} on PostgreSQL, as the application's role under row-level
 * security; and the partial GIN index of a multi column is one the planner can take for has.
 */
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
class PostgresMultiFieldsUpgradeTest extends MultiFieldsUpgradeContract {

    @Override
    String[] database() {
        Map<String, Object> database = PostgresDatabases.createDatabase();
        return new String[] {(String) database.get("spring.datasource.url"), (String) database.get("spring.datasource.username"), ""};
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    List<String> platformScope() {
        return List.of("select set_config('optline.scope', 'platform', true)");
    }

    @Test
    void hasAndHasAnyCanUseTheColumnsPartialGinIndex() throws SQLException {
        String[] db = database();
        org.flywaydb.core.Flyway.configure().dataSource(db[0], db[1], db[2])
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('optline.scope', 'platform', true)");
            // Too few rows for the planner to prefer an index unaided: this asks whether it can use it.
            s.execute("set local enable_seqscan = off");
            for (String condition : List.of("s.multi_3 @> array[cast('shoes' as text)]",
                    "s.multi_3 && cast(array['shoes', 'hats'] as text[])")) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("explain select count(*) from subscribers s where " + condition)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(condition).contains("subscribers_multi_3_idx");
            }
            c.rollback();
        }
    }
}
