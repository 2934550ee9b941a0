package org.optline.audience.notices;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.optline.audience.ConsentSource;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the platform's notices list: set-based statements over every client's subscribers,
 * writing only the notices client's rows. Callers run it with platform rights, in one transaction.
 */
@Repository
public class NoticeAudienceStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(NoticeAudienceStore.class);
    /** What the joins' lock marker becomes: the subscribers joined are locked where no foreign key guards them. */
    private final String lockJoined;

    public NoticeAudienceStore(JdbcClient jdbc, TenantScope scope) {
        this.jdbc = jdbc;
        this.lockJoined = scope.isPostgres() ? "for key share of n" : "";
    }

    /** Locks the list's row until the transaction ends; false when the client has no such list. */
    public boolean lockList(UUID clientId, UUID listId) {
        return jdbc.sql(sql.get("lock-list")).param("clientId", clientId).param("listId", listId).query(UUID.class).optional()
                .isPresent();
    }

    /** Adds, as active subscribers of the notices client, the addresses eligible elsewhere it does not hold yet. */
    public int addFromClients(UUID clientId, Collection<UUID> leftOut, OffsetDateTime at) {
        return jdbc.sql(sql.get("add-from-clients")).param("clientId", clientId).param("leftOut", SqlArrays.ofIds(leftOut))
                .param("at", at).update();
    }

    /** Adds the given address keys (with their hashes, in the same order) it does not hold yet. */
    public int addLogins(UUID clientId, List<String> keys, List<String> hashes, OffsetDateTime at) {
        return jdbc.sql(sql.get("add-logins")).param("clientId", clientId).param("keys", SqlArrays.of(keys))
                .param("hashes", SqlArrays.of(hashes)).param("at", at).update();
    }

    public int joinFromClients(UUID clientId, UUID listId, Collection<UUID> leftOut, OffsetDateTime at) {
        return jdbc.sql(sql.get("join-from-clients").replace("/*lock*/", lockJoined)).param("clientId", clientId).param("listId", listId)
                .param("leftOut", SqlArrays.ofIds(leftOut)).param("at", at).update();
    }

    public int joinLogins(UUID clientId, UUID listId, List<String> keys, OffsetDateTime at) {
        return jdbc.sql(sql.get("join-logins").replace("/*lock*/", lockJoined)).param("clientId", clientId).param("listId", listId)
                .param("keys", SqlArrays.of(keys)).param("at", at).update();
    }

    public int keepFromClients(UUID clientId, UUID listId, Collection<UUID> leftOut, OffsetDateTime at) {
        return jdbc.sql(sql.get("keep-from-clients")).param("clientId", clientId).param("listId", listId)
                .param("leftOut", SqlArrays.ofIds(leftOut)).param("at", at).update();
    }

    public int keepLogins(UUID clientId, UUID listId, List<String> keys, OffsetDateTime at) {
        return jdbc.sql(sql.get("keep-logins")).param("clientId", clientId).param("listId", listId)
                .param("keys", SqlArrays.of(keys)).param("at", at).update();
    }

    /** A ledger line for every membership this refresh created. */
    public int recordJoined(UUID clientId, UUID listId, ConsentSource source, String detail, OffsetDateTime at) {
        return ledger(sql.get("record-joined"), clientId, listId, source, detail, at);
    }

    /** A ledger line for every membership this refresh did not mark, before {@link #leave} deletes them. */
    public int recordLeft(UUID clientId, UUID listId, ConsentSource source, String detail, OffsetDateTime at) {
        return ledger(sql.get("record-left"), clientId, listId, source, detail, at);
    }

    public int leave(UUID clientId, UUID listId, OffsetDateTime at) {
        return jdbc.sql(sql.get("leave")).param("clientId", clientId).param("listId", listId).param("at", at).update();
    }

    public long members(UUID clientId, UUID listId) {
        return jdbc.sql(sql.get("members")).param("clientId", clientId).param("listId", listId).query(Long.class).single();
    }

    private int ledger(String statement, UUID clientId, UUID listId, ConsentSource source, String detail, OffsetDateTime at) {
        return jdbc.sql(statement).param("clientId", clientId).param("listId", listId).param("at", at)
                .param("sourceKind", source.kind().wireName()).param("sourceId", source.sourceId())
                .param("consentText", source.consentText()).param("detail", detail).update();
    }
}
