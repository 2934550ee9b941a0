package org.optline.audience.subscribers;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What guards the audience's integrity on PostgreSQL in place of foreign keys
 * (docs/audience.md, "Integrity without foreign keys"). A writer of subscribers or memberships
 * locks each parent row once in its transaction, before it writes a child, with
 * {@code FOR KEY SHARE}: writers do not block one another (nor updates of the parent that leave
 * its id alone), but a deleter's {@code FOR UPDATE} waits for them, and a writer that comes after
 * a deleter finds the parent gone and writes nothing. Children are written only for subscribers
 * created or locked in the same transaction. A deleter locks the parent {@code FOR UPDATE} before
 * anything else, then deletes the dependents and the parent in the same transaction.
 *
 * <p>Each method answers which of the parents exist (are now locked); a writer must leave out the
 * children of the others. On H2 the foreign keys stay (H2 has no {@code FOR KEY SHARE}, and a
 * {@code FOR UPDATE} of the client's row would make every writer of a client wait for the
 * others): the writers' locks are plain reads there, answering the same, and the keys refuse what
 * a concurrent delete would orphan. The deleters' {@code FOR UPDATE} is taken on both.
 */
@Repository
public class ParentLocks {

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final NamedSql sql = NamedSql.forClass(ParentLocks.class);

    public ParentLocks(JdbcClient jdbc, TenantScope scope) {
        this.jdbc = jdbc;
        this.postgres = scope.isPostgres();
    }

    /** Before inserting subscribers: the client exists (on PostgreSQL, its row is key-share locked). */
    public boolean lockClient(UUID clientId) {
        return !jdbc.sql(sql.get(postgres ? "share-client" : "find-client")).param("clientId", clientId)
                .query(UUID.class).list().isEmpty();
    }

    /** Before inserting memberships of a list: the list exists and is the client's. */
    public boolean lockList(UUID clientId, UUID listId) {
        return !jdbc.sql(sql.get(postgres ? "share-list" : "find-list")).param("clientId", clientId)
                .param("listId", listId).query(UUID.class).list().isEmpty();
    }

    /**
     * Before writing memberships of subscribers this transaction did not create: those of
     * them that exist. An id missing from the answer was erased meanwhile.
     */
    public Set<UUID> lockSubscribers(UUID clientId, Collection<UUID> ids) {
        return locked(sql.get(postgres ? "share-subscribers" : "find-subscribers"), clientId, ids);
    }

    /** Before deleting a list and its memberships: false when the client has no such list. */
    public boolean lockListForDelete(UUID clientId, UUID listId) {
        return !jdbc.sql(sql.get("lock-list-for-delete")).param("clientId", clientId).param("listId", listId)
                .query(UUID.class).list().isEmpty();
    }

    /** Before deleting (erasing) a subscriber with its memberships and tags: false when there is none. */
    public boolean lockSubscriberForDelete(UUID clientId, UUID id) {
        return !jdbc.sql(sql.get("lock-subscriber-for-delete")).param("clientId", clientId).param("id", id)
                .query(UUID.class).list().isEmpty();
    }

    private Set<UUID> locked(String statement, UUID clientId, Collection<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        for (List<UUID> chunk : SqlArrays.chunks(List.copyOf(new HashSet<>(ids)))) {
            found.addAll(jdbc.sql(statement).param("clientId", clientId).param("ids", SqlArrays.ofIds(chunk))
                    .query(UUID.class).list());
        }
        return found;
    }
}
