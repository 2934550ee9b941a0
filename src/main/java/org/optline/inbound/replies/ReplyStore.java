package org.optline.inbound.replies;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for kept replies. */
@Repository
public class ReplyStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(ReplyStore.class);

    public ReplyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Reply r) {
        jdbc.sql(sql.get("insert")).param("id", r.id()).param("clientId", r.clientId())
                .param("subscriberId", r.subscriberId()).param("campaignId", r.campaignId())
                .param("inboundMessageId", r.inboundMessageId()).param("fromAddress", r.from())
                .param("subject", r.subject()).param("text", r.text()).param("receivedAt", r.receivedAt())
                .param("forwardedTo", r.forwardedTo()).param("forwardedAt", r.forwardedAt()).update();
    }

    public Optional<Reply> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(ReplyStore::map).optional();
    }

    /** Newest first, after the cursor. */
    public List<Reply> page(UUID clientId, Cursor after, int limit) {
        var spec = after == null ? jdbc.sql(sql.get("first-page"))
                : jdbc.sql(sql.get("next-page")).param("receivedAt", after.createdAt()).param("afterId", after.id());
        return spec.param("clientId", clientId).param("limit", limit).query(ReplyStore::map).list();
    }

    private static Reply map(ResultSet rs, int n) throws SQLException {
        return new Reply(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("subscriber_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                rs.getObject("inbound_message_id", UUID.class), rs.getString("from_address"), rs.getString("subject"),
                rs.getString("text_body"), rs.getObject("received_at", OffsetDateTime.class),
                rs.getString("forwarded_to"), rs.getObject("forwarded_at", OffsetDateTime.class));
    }
}
