package org.optline.delivery.domains;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for sending domains. The private key is written here and read only for signing ({@code dkim.DkimKeys}). */
@Repository
public class DomainStore {

    /** A domain row without its private key. */
    public record Row(UUID id, UUID clientId, String domain, String selector, String publicKey, OffsetDateTime createdAt,
                      OffsetDateTime verifiedAt) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public DomainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(DomainStore.class);
        List.of("insert", "find", "list", "taken", "signing-key").forEach(sql::get);
    }

    public void insert(UUID id, UUID clientId, String domain, String selector, String privateKey, String publicKey, OffsetDateTime at) {
        jdbc.sql(sql.get("insert")).param("id", id).param("clientId", clientId).param("domain", domain).param("selector", selector)
                .param("privateKey", privateKey).param("publicKey", publicKey).param("at", at).update();
    }

    public Optional<Row> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(DomainStore::map).optional();
    }

    public List<Row> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(DomainStore::map).list();
    }

    public boolean taken(UUID clientId, String domain) {
        return jdbc.sql(sql.get("taken")).param("clientId", clientId).param("domain", domain).query(Long.class).single() > 0;
    }

    /** The selector and PKCS#8 private key (base64) of a client's domain, for signing. */
    public record SigningKey(String selector, String privateKey) {
        /** Never prints the key (records would). */
        @Override
        public String toString() {
            return "SigningKey[" + selector + "]";
        }
    }

    public Optional<SigningKey> signingKey(UUID clientId, String domain) {
        return jdbc.sql(sql.get("signing-key")).param("clientId", clientId).param("domain", domain)
                .query((rs, n) -> new SigningKey(rs.getString("selector"), rs.getString("private_key"))).optional();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("domain"),
                rs.getString("selector"), rs.getString("public_key"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("verified_at", OffsetDateTime.class));
    }
}
