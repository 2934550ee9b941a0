package org.optline.delivery.relays;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.delivery.ClientRelay;
import org.optline.delivery.TlsMode;
import org.optline.platform.NamedSql;
import org.optline.platform.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for clients' own SMTP relays: one row per client at most. The password is sealed here
 * before it is written ({@link SecretBox}, bound to the client's row) and opened when read.
 */
@Repository
public class RelayStore {

    private static final Logger log = LoggerFactory.getLogger(RelayStore.class);

    private final JdbcClient jdbc;
    private final NamedSql sql;
    private final SecretBox box;

    public RelayStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
        this.sql = NamedSql.forClass(RelayStore.class);
    }

    private static String passwordContext(UUID clientId) {
        return "client_relays.password:" + clientId;
    }

    /**
     * The stored password, opened. One stored before passwords were sealed is still in the clear
     * until {@link #sealPlainPasswords} has run. One that does not open (the row was altered)
     * reads as missing: the settings page then asks for it again, and delivery pauses the
     * client's campaigns until it is given.
     */
    private String opened(UUID clientId, String stored) {
        try {
            return box.openIfSealed(passwordContext(clientId), stored);
        } catch (SecretBox.UnreadableSecret e) {
            log.warn("The stored password of client {}'s relay cannot be read: {}", clientId, e.getMessage());
            return null;
        }
    }

    /**
     * Seals the passwords stored in the clear, every client's: run in the platform scope. Each is
     * replaced only if still the same, so nodes starting together agree.
     */
    public int sealPlainPasswords() {
        record Plain(UUID clientId, String password) {}
        List<Plain> plain = jdbc.sql(sql.get("plain-passwords")).query((rs, n) -> new Plain(rs.getObject("client_id", UUID.class),
                rs.getString("password"))).list();
        int sealed = 0;
        for (Plain p : plain) {
            try {
                sealed += jdbc.sql(sql.get("seal-password")).param("clientId", p.clientId()).param("plain", p.password())
                        .param("sealed", box.seal(passwordContext(p.clientId()), p.password())).update();
            } catch (DataAccessException e) {
                log.warn("Could not seal the relay password of client {}; it stays readable as it is", p.clientId(), e);
            }
        }
        return sealed;
    }

    public Optional<ClientRelay> find(UUID clientId) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).query((rs, n) -> new ClientRelay(
                rs.getObject("client_id", UUID.class), rs.getString("host"), rs.getInt("port"),
                TlsMode.fromWire(rs.getString("tls")).orElseThrow(),
                rs.getString("username"), opened(rs.getObject("client_id", UUID.class), rs.getString("password")), rs.getInt("max_connections"),
                rs.getInt("max_messages_per_connection"), rs.getDouble("max_rate"),
                rs.getObject("updated_at", OffsetDateTime.class))).optional();
    }

    /** Replaces the client's relay (delete and insert: the same on H2 and PostgreSQL). */
    public void save(ClientRelay r) {
        delete(r.clientId());
        jdbc.sql(sql.get("insert")).param("clientId", r.clientId()).param("host", r.host()).param("port", r.port())
                .param("tls", r.tls().wireName()).param("username", r.username()).param("password", r.password() == null ? null : box.seal(passwordContext(r.clientId()), r.password()))
                .param("maxConnections", r.maxConnections()).param("maxMessages", r.maxMessagesPerConnection())
                .param("maxRate", r.maxRate()).param("at", r.updatedAt()).update();
    }

    public boolean delete(UUID clientId) {
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).update() > 0;
    }
}
