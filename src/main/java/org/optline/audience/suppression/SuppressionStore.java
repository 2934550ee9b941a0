package org.optline.audience.suppression;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.Suppression;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the client and platform-wide suppression lists, keyed by the address's hash. */
@Repository
public class SuppressionStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public SuppressionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(SuppressionStore.class);
    }

    /** Adds a suppression unless the address already has one; answers whether it added. */
    public boolean insert(UUID clientId, String emailHash, String email, String reason, String source, OffsetDateTime at) {
        return jdbc.sql(sql.get("insert")).param("clientId", clientId).param("emailHash", emailHash)
                .param("email", email).param("reason", reason).param("source", source).param("at", at).update() == 1;
    }

    /** Which of {@code hashes} this client, or the platform, suppresses. */
    /** A platform-wide entry; needs the platform scope. */
    public boolean insertPlatform(String emailHash, String email, String reason, String source, OffsetDateTime at) {
        return jdbc.sql(sql.get("insert-platform")).param("emailHash", emailHash).param("email", email).param("reason", reason)
                .param("source", source).param("at", at).update() > 0;
    }

    public Set<String> suppressed(UUID clientId, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(sql.get("suppressed-hashes")).param("clientId", clientId)
                .param("hashes", SqlArrays.of(hashes)).query(String.class).list());
    }

    public List<Suppression> page(UUID clientId, OffsetDateTime afterCreatedAt, String afterHash, int limit) {
        var spec = afterHash == null
                ? jdbc.sql(sql.get("first-page"))
                : jdbc.sql(sql.get("next-page")).param("createdAt", afterCreatedAt).param("afterHash", afterHash);
        return spec.param("clientId", clientId).param("limit", limit)
                .query((rs, n) -> new Suppression(rs.getString("email_hash"), rs.getString("email"), rs.getString("reason"),
                        rs.getString("source"), false, rs.getObject("created_at", OffsetDateTime.class))).list();
    }

    /** The client's suppression of one address, if any. */
    public Optional<Suppression> clientEntry(UUID clientId, String emailHash) {
        return jdbc.sql(sql.get("client-suppression")).param("clientId", clientId).param("emailHash", emailHash)
                .query((rs, n) -> new Suppression(rs.getString("email_hash"), rs.getString("email"), rs.getString("reason"),
                        rs.getString("source"), false, rs.getObject("created_at", OffsetDateTime.class))).optional();
    }

    /** The platform-wide suppression of one address, if any. */
    public Optional<Suppression> platformEntry(String emailHash) {
        return jdbc.sql(sql.get("platform-suppression")).param("emailHash", emailHash)
                .query((rs, n) -> new Suppression(rs.getString("email_hash"), rs.getString("email"), rs.getString("reason"),
                        rs.getString("source"), true, rs.getObject("created_at", OffsetDateTime.class))).optional();
    }

    public boolean platformSuppressed(String emailHash) {
        return jdbc.sql(sql.get("platform-suppressed")).param("emailHash", emailHash).query(Long.class).single() > 0;
    }

    public Optional<String> clientReason(UUID clientId, String emailHash) {
        return jdbc.sql(sql.get("client-suppression-reason")).param("clientId", clientId).param("emailHash", emailHash)
                .query(String.class).optional();
    }

    /** Lifts an unsubscribe or manual suppression (never a bounce or complaint); answers whether it did. */
    public boolean lift(UUID clientId, String emailHash) {
        return jdbc.sql(sql.get("lift")).param("clientId", clientId).param("emailHash", emailHash).update() == 1;
    }

    public void forgetEmail(UUID clientId, String emailHash) {
        jdbc.sql(sql.get("forget-email")).param("clientId", clientId).param("emailHash", emailHash).update();
    }
}
