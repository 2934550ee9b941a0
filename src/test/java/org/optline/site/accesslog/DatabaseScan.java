package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looks through every text column of every table of the application's schema (H2 and PostgreSQL alike). */
final class DatabaseScan {

    private DatabaseScan() {}

    /** The columns, as table.column, that hold {@code needle} in some row. */
    static List<String> textColumnsHolding(JdbcClient jdbc, TenantScope scope, String needle) {
        // The platform scope: on PostgreSQL row-level security hides every client's rows from anything else.
        return scope.asPlatform(() -> {
            List<Map<String, Object>> columns = jdbc.sql("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = current_schema()
                      and lower(data_type) in ('character varying', 'varchar', 'text', 'character', 'char',
                                               'character large object', 'clob', 'json', 'jsonb')
                    """).query().listOfRows();
            assertThat(columns).as("text columns to scan").hasSizeGreaterThan(50);
            List<String> holding = new ArrayList<>();
            for (Map<String, Object> c : columns) {
                String table = String.valueOf(c.get("table_name"));
                String column = String.valueOf(c.get("column_name"));
                Long n = jdbc.sql("select count(*) from \"" + table + "\" where cast(\"" + column + "\" as varchar) like :needle")
                        .param("needle", "%" + needle + "%").query(Long.class).single();
                if (n > 0) {
                    holding.add(table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT));
                }
            }
            return holding;
        });
    }
}
