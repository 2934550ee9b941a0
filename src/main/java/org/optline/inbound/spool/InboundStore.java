package org.optline.inbound.spool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.actions.StoredMail;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbound message store ({@code inbound_messages}, a platform table: see V33). Every write
 * names the claim that holds the row, so a worker whose lease lapsed and was taken over changes
 * nothing. Statements join the caller's transaction; none opens one itself.
 */
@Repository
public class InboundStore {

    /** A received message as the listener or the raw API hands it over, not yet stored. */
    public record Incoming(UUID id, String sha256, String dedupeKey, OffsetDateTime receivedAt, String remoteAddress,
                           InboundEnvelope envelope, byte[] raw) {

        public static Incoming of(byte[] raw, InboundEnvelope envelope, String remoteAddress, OffsetDateTime now) {
            return new Incoming(UUID.randomUUID(), InboundStore.sha256(raw), InboundStore.dedupeKey(envelope, raw), now, remoteAddress,
                    envelope, raw);
        }
    }

    /** A stored message's state and result, as {@link #find} reads it. */
    public record Row(UUID id, String sha256, OffsetDateTime receivedAt, String state, int attempts,
                      OffsetDateTime nextAttemptAt, UUID leaseToken, String lastError, InboundResult result,
                      UUID clientId, OffsetDateTime processedAt) {

        public boolean isFinal() {
            return !"received".equals(state);
        }
    }

    /** Recipients are kept one a line. */
    private static final String RECIPIENT_SEPARATOR = "\n";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final NamedSql sql = NamedSql.forClass(InboundStore.class);
    private final boolean postgres;

    InboundStore(JdbcTemplate jdbc, JdbcClient client, TenantScope scope) {
        this.jdbc = jdbc;
        this.client = client;
        this.postgres = scope.isPostgres();
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * The SHA-256 of the envelope recipients (one a line, then a NUL) and the bytes: the same
     * message delivered again is the same key; the same bytes to another VERP address are not.
     */
    static String dedupeKey(InboundEnvelope envelope, byte[] raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join(RECIPIENT_SEPARATOR, envelope.recipients()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts the messages not stored yet (one statement on PostgreSQL, a JDBC batch on H2) and
     * answers the stored id of each one's dedupe key: its own, or the one stored before it. Rows
     * inserted with a {@code leaseToken} are claimed by it until {@code nextAttemptAt}.
     */
    Map<String, UUID> insert(List<Incoming> messages, UUID leaseToken, OffsetDateTime nextAttemptAt) {
        if (postgres) {
            return insertPostgres(messages, leaseToken, nextAttemptAt);
        }
        jdbc.batchUpdate(sql.get("insert"), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Incoming m = messages.get(i);
                ps.setObject(1, m.id());
                ps.setString(2, m.sha256());
                ps.setString(3, m.dedupeKey());
                ps.setObject(4, m.receivedAt());
                ps.setString(5, m.remoteAddress());
                ps.setString(6, clip(m.envelope().mailFrom(), 500));
                ps.setString(7, clip(String.join(RECIPIENT_SEPARATOR, m.envelope().recipients()), 20000));
                ps.setInt(8, m.raw().length);
                ps.setBytes(9, m.raw());
                ps.setObject(10, nextAttemptAt == null ? m.receivedAt() : nextAttemptAt);
                if (leaseToken == null) {
                    ps.setNull(11, Types.OTHER);
                } else {
                    ps.setObject(11, leaseToken);
                }
            }

            @Override
            public int getBatchSize() {
                return messages.size();
            }
        });
        Map<String, UUID> ids = new HashMap<>();
        client.sql(sql.get("ids-by-dedupe-key")).param("keys", messages.stream().map(Incoming::dedupeKey).distinct().toList())
                .query((rs, n) -> ids.put(rs.getString("dedupe_key"), rs.getObject("id", UUID.class))).list();
        return ids;
    }

    /**
     * PostgreSQL: the group as one statement (an array a column) that answers the ids it inserted,
     * so that outside a transaction it is a single round trip that commits itself. Only the keys it
     * did not insert (stored before) are looked up afterwards.
     */
    private Map<String, UUID> insertPostgres(List<Incoming> messages, UUID leaseToken, OffsetDateTime nextAttemptAt) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] sha256 = new String[n];
        String[] keys = new String[n];
        String[] receivedAt = new String[n];
        String[] remote = new String[n];
        String[] from = new String[n];
        String[] recipients = new String[n];
        Integer[] sizes = new Integer[n];
        byte[][] raw = new byte[n][];
        String[] due = new String[n];
        for (int i = 0; i < n; i++) {
            Incoming m = messages.get(i);
            ids[i] = m.id();
            sha256[i] = m.sha256();
            keys[i] = m.dedupeKey();
            receivedAt[i] = m.receivedAt().toString();
            remote[i] = m.remoteAddress();
            from[i] = clip(m.envelope().mailFrom(), 500);
            recipients[i] = clip(String.join(RECIPIENT_SEPARATOR, m.envelope().recipients()), 20000);
            sizes[i] = m.raw().length;
            raw[i] = m.raw();
            due[i] = (nextAttemptAt == null ? m.receivedAt() : nextAttemptAt).toString();
        }
        Map<String, UUID> stored = new HashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.get("insert-postgresql"));
            ps.setObject(1, leaseToken, Types.OTHER);
            ps.setArray(2, con.createArrayOf("uuid", ids));
            ps.setArray(3, con.createArrayOf("varchar", sha256));
            ps.setArray(4, con.createArrayOf("varchar", keys));
            ps.setArray(5, con.createArrayOf("varchar", receivedAt));
            ps.setArray(6, con.createArrayOf("varchar", remote));
            ps.setArray(7, con.createArrayOf("varchar", from));
            ps.setArray(8, con.createArrayOf("text", recipients));
            ps.setArray(9, con.createArrayOf("int4", sizes));
            ps.setArray(10, con.createArrayOf("bytea", raw));
            ps.setArray(11, con.createArrayOf("varchar", due));
            return ps;
        }, rs -> {
            stored.put(rs.getString("dedupe_key"), rs.getObject("id", UUID.class));
        });
        List<String> missing = messages.stream().map(Incoming::dedupeKey).filter(k -> !stored.containsKey(k)).distinct().toList();
        if (!missing.isEmpty()) {
            client.sql(sql.get("ids-by-dedupe-key")).param("keys", missing)
                    .query((rs, r) -> stored.put(rs.getString("dedupe_key"), rs.getObject("id", UUID.class))).list();
        }
        return stored;
    }

    /** H2 only: writes what is committed to its file now (see TrackedEventStore.flushH2 for why). */
    void flushH2() {
        jdbc.execute(sql.get("flush-h2"));
    }

    /** Claims up to {@code limit} due received messages for {@code token} until {@code leaseUntil}; answers their ids. */
    List<UUID> claim(UUID token, int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        if (postgres) {
            return client.sql(sql.get("claim-postgresql")).param("token", token).param("limit", limit)
                    .param("now", now).param("leaseUntil", leaseUntil).query((rs, n) -> rs.getObject(1, UUID.class)).list();
        }
        client.sql(sql.get("claim-h2")).param("token", token).param("limit", limit).param("now", now)
                .param("leaseUntil", leaseUntil).update();
        return client.sql(sql.get("claimed")).param("token", token).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Claims one message unless a worker holds it now; answers whether it did. */
    boolean claimOne(UUID id, UUID token, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return client.sql(sql.get("claim-one")).param("id", id).param("token", token).param("now", now)
                .param("leaseUntil", leaseUntil).update() == 1;
    }

    /** The message this claim holds, with its attempts so far; null when the claim no longer holds it. */
    Claimed load(UUID id, UUID token) {
        return client.sql(sql.get("load")).param("id", id).param("token", token).query((rs, n) -> {
            String recipients = rs.getString("recipients");
            List<String> list = recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(RECIPIENT_SEPARATOR));
            StoredMail mail = new StoredMail(rs.getObject("id", UUID.class), rs.getObject("received_at", OffsetDateTime.class),
                    new InboundEnvelope(rs.getString("mail_from"), list), rs.getBytes("raw"));
            return new Claimed(mail, rs.getInt("attempts"));
        }).optional().orElse(null);
    }

    /** A claimed message and the attempts made on it before this one. */
    record Claimed(StoredMail mail, int attempts) {}

    /**
     * Marks a message processed with its result, in the caller's transaction (the one that
     * recorded its effects); answers whether this claim still held it.
     *
     * <p>On PostgreSQL that transaction commits without waiting for its WAL to reach the disk
     * ({@code synchronous_commit = off}, for this transaction only). Processing may be lost by a
     * crash, never half-done: the effects and the mark are one transaction, lost together, and the
     * message itself was stored with a synchronous commit before its 250, so it is simply due
     * again and processed again, which changes nothing twice. Waiting for the disk here would put
     * one flush per processed message on the write-ahead log that the listener's group commits
     * wait on.
     */
    boolean markProcessed(UUID id, UUID token, UUID clientId, InboundResult result, OffsetDateTime now) {
        if (postgres) {
            client.sql(sql.get("commit-without-waiting-postgresql")).query(String.class).single();
        }
        return client.sql(sql.get("mark-processed")).param("id", id).param("token", token)
                .param("clientId", clientId, Types.OTHER)
                .param("kind", result.kind() == null ? null : result.kind().wireName(), Types.VARCHAR)
                .param("recipient", clip(result.recipient(), 500), Types.VARCHAR)
                .param("status", clip(result.status(), 100), Types.VARCHAR)
                .param("action", clip(result.action(), 500), Types.VARCHAR)
                .param("now", now).update() == 1;
    }

    /**
     * Records a failed attempt: the message is due again at {@code nextAttemptAt}, or, if this was
     * attempt {@code maxAttempts}, set aside as unprocessable with {@code asUnprocessable} as its result.
     */
    boolean fail(UUID id, UUID token, String error, OffsetDateTime nextAttemptAt, int maxAttempts,
                 InboundResult asUnprocessable, OffsetDateTime now) {
        return client.sql(sql.get("fail")).param("id", id).param("token", token).param("error", clip(error, 2000))
                .param("nextAttemptAt", nextAttemptAt).param("maxAttempts", maxAttempts).param("now", now)
                .param("kind", asUnprocessable.kind().wireName())
                .param("recipient", clip(asUnprocessable.recipient(), 500), Types.VARCHAR)
                .param("status", clip(asUnprocessable.status(), 100), Types.VARCHAR)
                .param("action", clip(asUnprocessable.action(), 500), Types.VARCHAR).update() == 1;
    }

    /** A stored message's state and result, or null. */
    public Row find(UUID id) {
        return client.sql(sql.get("find")).param("id", id).query((rs, n) -> row(rs)).optional().orElse(null);
    }

    private static Row row(ResultSet rs) throws SQLException {
        String kind = rs.getString("result_kind");
        InboundResult result = kind == null ? null : new InboundResult(MailKind.fromWire(kind), rs.getString("result_recipient"),
                rs.getString("result_status"), rs.getString("result_action"));
        return new Row(rs.getObject("id", UUID.class), rs.getString("sha256"), rs.getObject("received_at", OffsetDateTime.class),
                rs.getString("state"), rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("lease_token", UUID.class), rs.getString("last_error"), result,
                rs.getObject("client_id", UUID.class), rs.getObject("processed_at", OffsetDateTime.class));
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
