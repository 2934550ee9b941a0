package org.optline.analytics.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TimeOrderedIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the webhook outbox (events waiting for their endpoint) and the delivery log. Writers
 * run in the transaction of what caused the events; the dispatcher claims, settles and logs in
 * the platform scope, since one node serves every client.
 */
@Repository
class WebhookOutboxStore {

    /** A row of the outbox: its id is the message's {@code webhook-id}. */
    record Message(UUID id, UUID endpointId, String body) {}

    /** A claimed row with where it goes; {@code url} and {@code secret} are null when the endpoint was deleted. */
    record Claimed(UUID id, UUID clientId, UUID endpointId, String type, String body, int attempts, OffsetDateTime createdAt,
                   String url, String secret) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    WebhookOutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(WebhookOutboxStore.class);
    }

    /** Writes the messages, one statement per few thousand; answers how many rows went in (endpoints deleted since drop out). */
    int insert(UUID clientId, String type, List<Message> messages, OffsetDateTime now) {
        int inserted = 0;
        for (List<Message> chunk : SqlArrays.chunks(messages)) {
            inserted += jdbc.sql(sql.get("insert")).param("clientId", clientId).param("type", type).param("now", now)
                    .param("ids", SqlArrays.ofIds(chunk.stream().map(Message::id).toList()))
                    .param("endpointIds", SqlArrays.ofIds(chunk.stream().map(Message::endpointId).toList()))
                    .param("bodies", SqlArrays.of(chunk.stream().map(Message::body).toList()))
                    .update();
        }
        return inserted;
    }

    /**
     * Claims up to {@code limit} due rows for {@code token} until {@code leaseUntil}: their next
     * attempt moves to the lease's end, so a node that dies with them leaves them due again then.
     */
    List<Claimed> claim(String token, int limit, OffsetDateTime now, OffsetDateTime leaseUntil, boolean postgres) {
        List<UUID> due = jdbc.sql(sql.get(postgres ? "due-postgresql" : "due-h2")).param("now", now).param("limit", limit)
                .query(UUID.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql(sql.get("lease")).param("token", token).param("leaseUntil", leaseUntil).param("ids", SqlArrays.ofIds(due)).update();
        return jdbc.sql(sql.get("leased")).param("token", token).param("ids", SqlArrays.ofIds(due))
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                        rs.getObject("endpoint_id", UUID.class), rs.getString("event_type"), rs.getString("body"),
                        rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class), rs.getString("url"),
                        rs.getString("secret"))).list();
    }

    /** Removes a row this claim still holds (delivered, given up, or its endpoint gone). */
    boolean remove(UUID id, String token) {
        return jdbc.sql(sql.get("remove")).param("id", id).param("token", token).update() > 0;
    }

    /** Puts a row this claim still holds back for another attempt at {@code next}. */
    boolean retry(UUID id, String token, int attempts, OffsetDateTime next) {
        return jdbc.sql(sql.get("retry")).param("id", id).param("token", token).param("attempts", attempts)
                .param("next", next).update() > 0;
    }

    void log(UUID clientId, UUID endpointId, WebhookAttempt a) {
        jdbc.sql(sql.get("log")).param("id", a.id()).param("clientId", clientId).param("endpointId", endpointId)
                .param("messageId", a.messageId()).param("type", a.type()).param("attempt", a.attempt()).param("at", a.at())
                .param("status", a.statusCode()).param("ms", a.responseMs()).param("error", a.error())
                .param("outcome", a.outcome()).update();
    }

    /** The endpoint's log, newest first, by keyset. */
    List<WebhookAttempt> deliveries(UUID clientId, UUID endpointId, Cursor after, int limit) {
        var statement = after == null
                ? jdbc.sql(sql.get("deliveries-first"))
                : jdbc.sql(sql.get("deliveries-next")).param("at", after.createdAt()).param("id", after.id());
        return statement.param("clientId", clientId).param("endpointId", endpointId).param("limit", limit)
                .query((rs, n) -> new WebhookAttempt(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getString("event_type"), rs.getInt("attempt"), rs.getObject("at", OffsetDateTime.class),
                        (Integer) rs.getObject("status_code"), (Integer) rs.getObject("response_ms"), rs.getString("error"),
                        rs.getString("outcome"))).list();
    }

    /** The rows waiting for this endpoint (for tests and the page's count). */
    int waiting(UUID clientId, UUID endpointId) {
        return jdbc.sql(sql.get("waiting")).param("clientId", clientId).param("endpointId", endpointId).query(Integer.class).single();
    }

    /**
     * Deletes the client's waiting events whose data carries this address, as the body writes it
     * ({@code "email":"…"}, JSON-escaped), whatever its case.
     */
    int forgetAddress(UUID clientId, String email) {
        String member = "\"email\":" + WebhookOutbox.json(email);
        String pattern = "%" + member.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.sql(sql.get("forget-address")).param("clientId", clientId).param("pattern", pattern).update();
    }

    /** Forgets log entries older than {@code before}, every client's. */
    int pruneLog(OffsetDateTime before) {
        return jdbc.sql(sql.get("prune-log")).param("before", before).update();
    }

    static List<Message> fanOut(List<UUID> endpoints, List<String> bodies) {
        List<Message> messages = new ArrayList<>(endpoints.size() * bodies.size());
        for (String body : bodies) {
            for (UUID endpoint : endpoints) {
                messages.add(new Message(TimeOrderedIds.next(), endpoint, body)); // in order: the key's right edge
            }
        }
        return messages;
    }
}
