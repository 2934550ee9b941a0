package org.optline.inbound.spool;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The operator's view of the inbound store: the newest messages by state, one message with its
 * raw text, and a retry for a message set aside as unprocessable (after a fix, say). Operators
 * only: the store is a platform table and its raw mail names people of every client.
 */
@Service
public class SpoolView {

    /** The raw text shown for one message at most; the rest is cut (the store keeps it whole). */
    static final int SHOWN_BYTES = 64 * 1024;

    /** The states of a stored message, in the order they are shown. */
    public enum State { RECEIVED, PROCESSED, UNPROCESSABLE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> fromWire(String value) {
            for (State s : values()) {
                if (s.wireName().equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public record Summary(UUID id, OffsetDateTime receivedAt, String mailFrom, String recipients, String state,
                          int attempts, String kind, String action, String lastError) {}

    public record Detail(Summary summary, String remoteAddress, int sizeBytes, OffsetDateTime nextAttemptAt,
                         String recipient, String status, UUID clientId, OffsetDateTime processedAt, String raw,
                         boolean rawCut) {}

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final NamedSql sql = NamedSql.forClass(SpoolView.class);

    SpoolView(JdbcClient jdbc, TenantScope scope, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Summary> recent(Actor actor, State state, int limit) {
        actor.requireOperator();
        return scope.asPlatform(() -> jdbc.sql(sql.get("recent"))
                .param("state", state == null ? null : state.wireName(), Types.VARCHAR)
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> summary(rs)).list());
    }

    public Map<State, Long> counts(Actor actor) {
        actor.requireOperator();
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        scope.asPlatform(() -> jdbc.sql(sql.get("counts"))
                .query((rs, n) -> Map.entry(rs.getString("state"), rs.getLong("n"))).list())
                .forEach(e -> State.fromWire(e.getKey()).ifPresent(s -> counts.put(s, e.getValue())));
        return counts;
    }

    public Optional<Detail> detail(Actor actor, UUID id) {
        actor.requireOperator();
        return scope.asPlatform(() -> jdbc.sql(sql.get("detail")).param("id", id).query((rs, n) -> {
            byte[] raw = rs.getBytes("raw");
            boolean cut = raw.length > SHOWN_BYTES;
            // Mail is 7- or 8-bit text; ISO-8859-1 shows every byte as one character, whatever it is.
            String text = new String(raw, 0, Math.min(raw.length, SHOWN_BYTES), StandardCharsets.ISO_8859_1);
            return new Detail(summary(rs), rs.getString("remote_address"), rs.getInt("size_bytes"),
                    rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("result_recipient"),
                    rs.getString("result_status"), rs.getObject("client_id", UUID.class),
                    rs.getObject("processed_at", OffsetDateTime.class), text, cut);
        }).optional());
    }

    /** Sends an unprocessable message back to the workers; answers false for any other state. */
    public boolean retry(Actor actor, UUID id) {
        actor.requireOperator();
        return scope.asPlatform(() -> {
            boolean again = jdbc.sql(sql.get("retry")).param("id", id).param("now", Times.now(clock)).update() == 1;
            if (again) {
                audit.record(actor, "inbound.retried", "inbound-message:" + id);
            }
            return again;
        });
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getObject("id", UUID.class), rs.getObject("received_at", OffsetDateTime.class),
                rs.getString("mail_from"), rs.getString("recipients"), rs.getString("state"), rs.getInt("attempts"),
                rs.getString("result_kind"), rs.getString("result_action"), rs.getString("last_error"));
    }
}
