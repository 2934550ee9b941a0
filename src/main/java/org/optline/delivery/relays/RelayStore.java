package org.optline.delivery.relays;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.delivery.ClientRelay;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for clients' own SMTP relays: one row per client at most. */
@Repository
public class RelayStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public RelayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(RelayStore.class);
        List.of("find", "delete", "insert").forEach(sql::get);
    }

    public Optional<ClientRelay> find(UUID clientId) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).query((rs, n) -> new ClientRelay(
                rs.getObject("client_id", UUID.class), rs.getString("host"), rs.getInt("port"), rs.getString("tls"),
                rs.getString("username"), rs.getString("password"), rs.getInt("max_connections"),
                rs.getInt("max_messages_per_connection"), rs.getDouble("max_rate"),
                rs.getObject("updated_at", OffsetDateTime.class))).optional();
    }

    /** Replaces the client's relay (delete and insert: the same on H2 and PostgreSQL). */
    public void save(ClientRelay r) {
        delete(r.clientId());
        jdbc.sql(sql.get("insert")).param("clientId", r.clientId()).param("host", r.host()).param("port", r.port())
                .param("tls", r.tls()).param("username", r.username()).param("password", r.password())
                .param("maxConnections", r.maxConnections()).param("maxMessages", r.maxMessagesPerConnection())
                .param("maxRate", r.maxRate()).param("at", r.updatedAt()).update();
    }

    public boolean delete(UUID clientId) {
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).update() > 0;
    }
}
