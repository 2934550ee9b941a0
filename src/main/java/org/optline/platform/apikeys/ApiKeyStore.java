package org.optline.platform.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.ApiKey;
import org.optline.platform.NamedSql;
import org.optline.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the api_keys table; every read or change takes the owning client id (null for operators). */
@Repository
public class ApiKeyStore {

    /** What authentication needs to know about the key behind a secret. */
    public record KeyMatch(UUID id, UUID clientId, String name, String prefix, Role role,
                           OffsetDateTime revokedAt, OffsetDateTime lastUsedAt, String clientStatus) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(ApiKeyStore.class);
    }

    public void insert(ApiKey key, String secretHash) {
        jdbc.sql(sql.get("insert"))
                .param("id", key.id())
                .param("clientId", key.clientId())
                .param("name", key.name())
                .param("prefix", key.prefix())
                .param("secretHash", secretHash)
                .param("role", key.role().wireName())
                .param("createdBy", key.createdBy())
                .param("createdAt", key.createdAt())
                .update();
    }

    public Optional<ApiKey> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("id", id).param("clientId", clientId).query(ApiKeyStore::map).optional();
    }

    public List<ApiKey> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(ApiKeyStore::map).list();
    }

    public boolean revoke(UUID clientId, UUID id, OffsetDateTime at) {
        return jdbc.sql(sql.get("revoke")).param("id", id).param("clientId", clientId).param("at", at).update() == 1;
    }

    public Optional<KeyMatch> bySecretHash(String secretHash) {
        return jdbc.sql(sql.get("by-secret-hash")).param("secretHash", secretHash).query((rs, n) -> new KeyMatch(
                rs.getObject("id", UUID.class),
                rs.getObject("client_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                Role.fromWire(rs.getString("role")),
                rs.getObject("revoked_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getString("client_status"))).optional();
    }

    public boolean existsByHash(String secretHash) {
        return jdbc.sql(sql.get("exists-by-hash")).param("secretHash", secretHash).query(Long.class).single() > 0;
    }

    public void touch(UUID id, OffsetDateTime at, OffsetDateTime staleBefore) {
        jdbc.sql(sql.get("touch")).param("id", id).param("at", at).param("staleBefore", staleBefore).update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("client_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                Role.fromWire(rs.getString("role")),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class));
    }
}
