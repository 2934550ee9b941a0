package org.optline.audience.subscribers;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.Membership;
import org.optline.audience.MembershipStatus;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for subscribers' list memberships. Every statement takes the client id. */
@Repository
public class MembershipStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public MembershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(MembershipStore.class);
    }

    public List<Membership> memberships(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("memberships-of")).param("clientId", clientId).param("id", id)
                .query((rs, n) -> new Membership(rs.getObject("list_id", UUID.class), rs.getString("name"),
                        MembershipStatus.fromWire(rs.getString("status")), rs.getObject("updated_at", OffsetDateTime.class)))
                .list();
    }

    public Optional<MembershipStatus> membershipStatus(UUID clientId, UUID listId, UUID id) {
        return jdbc.sql(sql.get("membership-status")).param("clientId", clientId).param("listId", listId).param("id", id)
                .query(String.class).optional().map(MembershipStatus::fromWire);
    }

    public void insertMembership(UUID clientId, UUID listId, UUID id, MembershipStatus status, OffsetDateTime at) {
        jdbc.sql(sql.get("insert-membership")).param("clientId", clientId).param("listId", listId).param("id", id)
                .param("status", status.wireName()).param("at", at).update();
    }

    /** Inserts memberships for many subscribers of one list in one statement. */
    public void insertMemberships(UUID clientId, UUID listId, Collection<UUID> ids, MembershipStatus status, OffsetDateTime at) {
        for (List<UUID> chunk : SqlArrays.chunks(List.copyOf(ids))) {
            jdbc.sql(sql.get("insert-memberships")).param("clientId", clientId).param("listId", listId)
                    .param("ids", SqlArrays.ofIds(chunk)).param("status", status.wireName()).param("at", at).update();
        }
    }

    /** A subscriber an import adds to a list, and the line of the file that named them. */
    public record ImportedMember(UUID subscriberId, long line) {}

    /**
     * Inserts an import's new memberships of one list, each pointing at the import's consent row
     * ({@link ConsentStore#importRow}) with its line: the per-person evidence, without a ledger row
     * per person.
     */
    public void insertImported(UUID clientId, UUID listId, long consentEventId, List<ImportedMember> members,
                               MembershipStatus status, OffsetDateTime at) {
        for (List<ImportedMember> chunk : SqlArrays.chunks(members)) {
            jdbc.sql(sql.get("insert-imported")).param("clientId", clientId).param("listId", listId)
                    .param("ids", SqlArrays.ofIds(chunk.stream().map(ImportedMember::subscriberId).toList()))
                    .param("lines", new SqlParameterValue(Types.ARRAY, chunk.stream().map(ImportedMember::line).toArray(Long[]::new)))
                    .param("status", status.wireName()).param("consentEventId", consentEventId).param("at", at).update();
        }
    }

    /** The memberships of {@code ids} in one list: subscriber id → status. */
    public Map<UUID, MembershipStatus> membershipsInList(UUID clientId, UUID listId, Collection<UUID> ids) {
        Map<UUID, MembershipStatus> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql(sql.get("memberships-in-list")).param("clientId", clientId).param("listId", listId)
                .param("ids", SqlArrays.ofIds(ids)).query(rs -> {
                    found.put(rs.getObject("subscriber_id", UUID.class), MembershipStatus.fromWire(rs.getString("status")));
                });
        return found;
    }

    public void setMembership(UUID clientId, UUID listId, UUID id, MembershipStatus status, OffsetDateTime at) {
        jdbc.sql(sql.get("set-membership")).param("clientId", clientId).param("listId", listId).param("id", id)
                .param("status", status.wireName()).param("at", at).update();
    }

    /** Deletes a subscriber's memberships (its erasure, after locking it with {@link ParentLocks}). */
    public void deleteOfSubscriber(UUID clientId, UUID id) {
        jdbc.sql(sql.get("delete-of-subscriber")).param("clientId", clientId).param("id", id).update();
    }

    /** Deletes a list's memberships (its deletion, after locking it with {@link ParentLocks}). */
    public void deleteOfList(UUID clientId, UUID listId) {
        jdbc.sql(sql.get("delete-of-list")).param("clientId", clientId).param("listId", listId).update();
    }

    public void unsubscribeAllMemberships(UUID clientId, UUID id, OffsetDateTime at) {
        jdbc.sql(sql.get("unsubscribe-all-memberships")).param("clientId", clientId).param("id", id).param("at", at).update();
    }
}
