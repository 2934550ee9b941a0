package org.optline.delivery.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.OutboxSearch;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlLike;
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

    /**
     * One message of the client ({@code clientId} null: platform mail); {@code onBehalf} also
     * admits the platform-held confirmation mail sent for the client.
     */
    public Optional<OutboxMessage> find(UUID clientId, UUID id, boolean onBehalf) {
        return jdbc.sql(sql.get("find")).param("id", id).param("clientId", clientId).param("onBehalf", onBehalf)
                .query(OutboxStore::map).optional();
    }

    /** Messages matching {@code search}, newest first, after the cursor; who sees what as in {@link #find}. */
    public List<OutboxMessage> search(UUID clientId, boolean onBehalf, OutboxSearch search, Cursor after, int limit) {
        var spec = after == null ? jdbc.sql(sql.get("search-first"))
                : jdbc.sql(sql.get("search-next")).param("createdAt", after.createdAt()).param("afterId", after.id());
        String recipient = search.recipient() == null ? "" : search.recipient().strip().toLowerCase(Locale.ROOT);
        return spec.param("clientId", clientId).param("onBehalf", onBehalf)
                .param("recipient", recipient).param("recipientPattern", "%" + SqlLike.escape(recipient) + "%")
                .param("campaignId", search.campaignId())
                .param("kind", search.kind() == null ? "" : search.kind())
                .param("limit", limit).query(OutboxStore::map).list();
    }

    /**
     * The client's captured mail to one address and the platform-held confirmation mail sent to it
     * on the client's behalf, newest first: what erasure deletes, read before (a legal disclosure).
     */
    public List<OutboxMessage> toRecipient(UUID clientId, String recipient, int limit) {
        return jdbc.sql(sql.get("to-recipient")).param("clientId", clientId)
                .param("recipient", recipient.toLowerCase(Locale.ROOT)).param("limit", limit)
                .query(OutboxStore::map).list();
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
