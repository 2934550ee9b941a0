package org.optline.test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every row a client owns, as text, read past row-level security: to show that a call changed none of them. */
public final class ClientRows {

    private ClientRows() {}

    /** The client's own row and the rows of every table with a {@code client_id} column that are its. */
    public static String snapshot(TenantScope scope, JdbcClient jdbc, UUID clientId) {
        return scope.asPlatform(() -> {
            List<String> tables = jdbc.sql("select table_name from information_schema.columns "
                            + "where lower(column_name) = 'client_id' and lower(table_schema) in ('public') order by table_name")
                    .query(String.class).list();
            StringBuilder out = new StringBuilder();
            out.append(jdbc.sql("select * from clients where id = :id").param("id", clientId).query((rs, n) -> row(rs)).list());
            for (String table : new TreeSet<>(tables)) {
                out.append('\n').append(table).append(':').append(jdbc.sql("select * from " + table
                        + " where client_id = :id order by 1").param("id", clientId).query((rs, n) -> row(rs)).list());
            }
            return out.toString();
        });
    }

    private static String row(ResultSet rs) throws SQLException {
        StringBuilder row = new StringBuilder("(");
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.append(rs.getString(i)).append(',');
        }
        return row.append(')').toString();
    }
}
