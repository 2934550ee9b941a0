package org.optline.platform.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.Role;
import org.optline.platform.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the users table. Every read or change of a user takes the owning client id
 * ({@code null} for operators); only the login path looks users up by email alone.
 */
@Repository
public class UserStore {

    /** What login needs to know about a user. */
    public record LoginRow(UUID id, UUID clientId, String email, String passwordHash, Role role, boolean enabled,
                           int failedLogins, OffsetDateTime lockedUntil, String clientStatus) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(UserStore.class);
    }

    public void insert(UUID id, UUID clientId, String email, String passwordHash, Role role, OffsetDateTime at) {
        jdbc.sql(sql.get("insert"))
                .param("id", id)
                .param("clientId", clientId)
                .param("email", email)
                .param("passwordHash", passwordHash)
                .param("role", role.wireName())
                .param("createdAt", at)
                .update();
    }

    /** Whether {@code email} (lower-cased) is the login of an enabled user of this client. */
    public boolean isEnabledLoginOf(UUID clientId, String email) {
        return jdbc.sql(sql.get("enabled-login-of-client")).param("clientId", clientId).param("email", email)
                .query(Long.class).single() > 0;
    }

    /** The lower-cased addresses of every enabled login of a client that is not terminated, and of every enabled operator. */
    public List<String> activeLogins() {
        return jdbc.sql(sql.get("active-logins")).query(String.class).list();
    }

    public Optional<User> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("id", id).param("clientId", clientId).query(UserStore::map).optional();
    }

    public List<User> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(UserStore::map).list();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql(sql.get("email-taken")).param("email", email).query(Long.class).single() > 0;
    }

    public boolean setEnabled(UUID clientId, UUID id, boolean enabled) {
        return jdbc.sql(sql.get("set-enabled"))
                .param("id", id).param("clientId", clientId).param("enabled", enabled).update() == 1;
    }

    /** Locks the client's enabled admins for the rest of the transaction and answers their ids. */
    public List<UUID> lockEnabledAdmins(UUID clientId) {
        return jdbc.sql(sql.get("lock-enabled-admins")).param("clientId", clientId).query(UUID.class).list();
    }

    public boolean setRole(UUID clientId, UUID id, Role role) {
        return jdbc.sql(sql.get("set-role"))
                .param("id", id).param("clientId", clientId).param("role", role.wireName()).update() == 1;
    }

    public void setPassword(UUID id, String passwordHash) {
        jdbc.sql(sql.get("set-password")).param("id", id).param("passwordHash", passwordHash).update();
    }

    public Optional<String> passwordHash(UUID id) {
        return jdbc.sql(sql.get("password-hash")).param("id", id).query(String.class).optional();
    }

    public Optional<LoginRow> loginByEmail(String email) {
        return jdbc.sql(sql.get("login-by-email")).param("email", email).query((rs, n) -> new LoginRow(
                rs.getObject("id", UUID.class),
                rs.getObject("client_id", UUID.class),
                rs.getString("email"),
                rs.getString("password_hash"),
                Role.fromWire(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getInt("failed_logins"),
                rs.getObject("locked_until", OffsetDateTime.class),
                rs.getString("client_status"))).optional();
    }

    public void recordFailure(UUID id) {
        jdbc.sql(sql.get("record-failure")).param("id", id).update();
    }

    public void lock(UUID id, OffsetDateTime until) {
        jdbc.sql(sql.get("lock")).param("id", id).param("until", until).update();
    }

    public void recordSuccess(UUID id, OffsetDateTime at) {
        jdbc.sql(sql.get("record-success")).param("id", id).param("at", at).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getObject("client_id", UUID.class),
                rs.getString("email"),
                Role.fromWire(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_login_at", OffsetDateTime.class));
    }
}
