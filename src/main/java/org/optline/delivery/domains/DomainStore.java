package org.optline.delivery.domains;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for sending domains. The private key is sealed here before it is written ({@link SecretBox},
 * bound to its row) and opened only for signing ({@code dkim.DkimKeys}).
 */
@Repository
public class DomainStore {

    /**
     * A domain row without its private key. {@code claimed}: the client holds the name (false only
     * for a name two clients had added before claims existed, kept by the first). The checks are
     * the last DNS check's findings ({@code published}, {@code missing}, {@code different},
     * {@code unanswered}), null before the first.
     */
    public record Row(UUID id, UUID clientId, String domain, String selector, String publicKey, OffsetDateTime createdAt,
                      OffsetDateTime verifiedAt, boolean claimed, OffsetDateTime checkedAt, String dkimCheck, String spfCheck,
                      String dmarcCheck) {}

    private static final Logger log = LoggerFactory.getLogger(DomainStore.class);

    private final JdbcClient jdbc;
    private final NamedSql sql;
    private final SecretBox box;

    public DomainStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
        this.sql = NamedSql.forClass(DomainStore.class);
    }

    public void insert(UUID id, UUID clientId, String domain, String selector, String privateKey, String publicKey, OffsetDateTime at) {
        jdbc.sql(sql.get("insert")).param("id", id).param("clientId", clientId).param("domain", domain).param("selector", selector)
                .param("privateKey", box.seal(keyContext(id), privateKey)).param("publicKey", publicKey).param("at", at).update();
    }

    /** Makes the other claims wait for this transaction's end (platform scope). */
    public void takeClaimsTurn() {
        jdbc.sql(sql.get("take-claims-turn")).update();
    }

    /** Whether another client holds this name, a name above it or one below it (platform scope). */
    public boolean claimedByOthers(UUID clientId, String domain) {
        return jdbc.sql(sql.get("claimed-by-others")).param("clientId", clientId).param("domain", domain)
                .param("below", "%." + domain).query(Long.class).single() > 0;
    }

    public void claim(UUID clientId, String domain, UUID domainId, OffsetDateTime at) {
        jdbc.sql(sql.get("claim")).param("domain", domain).param("clientId", clientId).param("domainId", domainId).param("at", at)
                .update();
    }

    /** The client's claimed domain of this name: empty if it holds none, else whether and since when it is verified. */
    public Optional<Optional<OffsetDateTime>> standing(UUID clientId, String domain) {
        return jdbc.sql(sql.get("standing")).param("clientId", clientId).param("domain", domain)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("verified_at", OffsetDateTime.class))).optional();
    }

    /** Stores a DNS check's findings; a published DKIM record verifies the domain, a missing or different one withdraws it. */
    public void recordCheck(UUID clientId, UUID id, String dkim, String spf, String dmarc, OffsetDateTime at) {
        jdbc.sql(sql.get("record-check")).param("clientId", clientId).param("id", id).param("dkim", dkim).param("spf", spf)
                .param("dmarc", dmarc).param("at", at).update();
    }

    /** Deletes a client's domain with its key, releasing its claim on the name; answers whether there was one. */
    public boolean delete(UUID clientId, UUID id) {
        jdbc.sql(sql.get("release-claim")).param("clientId", clientId).param("id", id).update();
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update() == 1;
    }

    /** What a key is sealed for: its row, so that it opens nowhere else. */
    private static String keyContext(UUID domainId) {
        return "sending_domains.private_key:" + domainId;
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
                .query((rs, n) -> new SigningKey(rs.getString("selector"),
                        box.openIfSealed(keyContext(rs.getObject("id", UUID.class)), rs.getString("private_key")))).optional();
    }

    /**
     * Seals the keys stored in the clear (before keys were sealed), every client's: run in the
     * platform scope. Each is replaced only if still the same, so nodes starting together agree.
     */
    public int sealPlainKeys() {
        record Plain(UUID id, String key) {}
        List<Plain> plain = jdbc.sql(sql.get("plain-keys")).query((rs, n) -> new Plain(rs.getObject("id", UUID.class),
                rs.getString("private_key"))).list();
        int sealed = 0;
        for (Plain p : plain) {
            try {
                sealed += jdbc.sql(sql.get("seal-key")).param("id", p.id()).param("plain", p.key())
                        .param("sealed", box.seal(keyContext(p.id()), p.key())).update();
            } catch (DataAccessException e) {
                log.warn("Could not seal the DKIM key of sending domain {}; it stays readable as it is", p.id(), e);
            }
        }
        return sealed;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("domain"),
                rs.getString("selector"), rs.getString("public_key"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("verified_at", OffsetDateTime.class), rs.getBoolean("claimed"), rs.getObject("checked_at", OffsetDateTime.class),
                rs.getString("dkim_check"), rs.getString("spf_check"), rs.getString("dmarc_check"));
    }
}
