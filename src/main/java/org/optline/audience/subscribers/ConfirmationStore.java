package org.optline.audience.subscribers;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Open confirmations: one row per list a mailed confirmation link asks for, all sharing the
 * link's id. Rows are deleted when the link is used, when the subscriber opts out, and when they
 * are older than the caller's cutoff, so a link can be used once and only while nothing has
 * withdrawn it since.
 */
@Repository
public class ConfirmationStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public ConfirmationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(ConfirmationStore.class);
    }

    /** One list an open confirmation asks for. */
    public record Open(UUID subscriberId, UUID listId) {}

    public void insert(UUID clientId, UUID id, UUID subscriberId, Collection<UUID> listIds, OffsetDateTime at) {
        for (UUID listId : listIds) {
            jdbc.sql(sql.get("insert")).param("id", id).param("clientId", clientId).param("subscriberId", subscriberId)
                    .param("listId", listId).param("at", at).update();
        }
    }

    /** The lists of an open confirmation issued at or after {@code cutoff}; empty when it is gone. */
    public List<Open> find(UUID clientId, UUID id, OffsetDateTime cutoff) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).param("cutoff", cutoff)
                .query((rs, n) -> new Open(rs.getObject("subscriber_id", UUID.class), rs.getObject("list_id", UUID.class))).list();
    }

    /** Deletes the confirmation; answers whether this call was the one that did. */
    public boolean consume(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("consume")).param("clientId", clientId).param("id", id).update() > 0;
    }

    /** The subscriber opted out: every confirmation mailed to them before is void. */
    public void voidSubscriber(UUID clientId, UUID subscriberId) {
        jdbc.sql(sql.get("void-subscriber")).param("clientId", clientId).param("subscriberId", subscriberId).update();
    }

    /** The subscriber left one list: confirmations of that list mailed before are void. */
    public void voidList(UUID clientId, UUID subscriberId, UUID listId) {
        jdbc.sql(sql.get("void-list")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("listId", listId).update();
    }

    /** The address was suppressed: confirmations mailed to it before are void. */
    public void voidAddress(UUID clientId, EmailAddress email) {
        jdbc.sql(sql.get("void-address")).param("clientId", clientId).param("emailKey", email.key()).update();
    }

    public void expire(UUID clientId, OffsetDateTime cutoff) {
        jdbc.sql(sql.get("expire")).param("clientId", clientId).param("cutoff", cutoff).update();
    }
}
