package org.optline.delivery.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.optline.delivery.OutboxMessage;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the capture outbox. */
@Repository
public class OutboxStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(OutboxStore.class);
    }

    public void insert(OutboxMessage m) {
        insert(m, null);
    }

    /** Stores a message; {@code onBehalfOf}: the client platform mail was sent for, or null. */
    public void insert(OutboxMessage m, UUID onBehalfOf) {
        jdbc.sql(sql.get("insert")).param("id", m.id()).param("clientId", m.clientId()).param("campaignId", m.campaignId())
                .param("onBehalfOf", onBehalfOf)
                .param("kind", m.kind()).param("envelopeFrom", m.envelopeFrom()).param("recipient", m.recipient())
                .param("subject", m.subject()).param("raw", m.raw()).param("at", m.createdAt()).update();
    }

    public Optional<OutboxMessage> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("id", id).param("clientId", clientId).query(OutboxStore::map).optional();
    }

    public List<OutboxMessage> page(UUID clientId, Cursor after, int limit) {
        var spec = after == null ? jdbc.sql(sql.get("first-page"))
                : jdbc.sql(sql.get("next-page")).param("createdAt", after.createdAt()).param("afterId", after.id());
        return spec.param("clientId", clientId).param("limit", limit).query(OutboxStore::map).list();
    }

    public void forgetRecipient(UUID clientId, String recipient) {
        jdbc.sql(sql.get("forget-recipient")).param("clientId", clientId)
                .param("recipient", recipient.toLowerCase(Locale.ROOT)).update();
    }

    private static OutboxMessage map(ResultSet rs, int n) throws SQLException {
        return new OutboxMessage(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getString("kind"), rs.getString("envelope_from"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("raw"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
