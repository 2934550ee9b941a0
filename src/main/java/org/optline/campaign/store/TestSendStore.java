package org.optline.campaign.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.campaign.TestRecipient;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the test recipients a client allows and the hourly count of its test messages. */
@Repository
public class TestSendStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public TestSendStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(TestSendStore.class);
    }

    /** Adds an address; answers false when the client allows it already. */
    public boolean insertRecipient(TestRecipient r, String emailKey) {
        return jdbc.sql(sql.get("insert-recipient")).param("id", r.id()).param("clientId", r.clientId()).param("email", r.email())
                .param("emailKey", emailKey).param("addedBy", r.addedBy()).param("createdAt", r.createdAt()).update() == 1;
    }

    public List<TestRecipient> recipients(UUID clientId) {
        return jdbc.sql(sql.get("recipients")).param("clientId", clientId).query(TestSendStore::map).list();
    }

    public Optional<TestRecipient> findRecipient(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find-recipient")).param("clientId", clientId).param("id", id).query(TestSendStore::map).optional();
    }

    public boolean deleteRecipient(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("delete-recipient")).param("clientId", clientId).param("id", id).update() == 1;
    }

    /** Which of these lower-cased addresses the client allows. */
    public Set<String> allowedKeys(UUID clientId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql(sql.get("allowed-keys")).param("clientId", clientId).param("keys", keys)
                .query(String.class).list());
    }

    /** Takes {@code n} test messages from the client's allowance for the hour, if that keeps within {@code limit}. */
    public boolean take(UUID clientId, OffsetDateTime hourStart, int n, int limit) {
        if (jdbc.sql(sql.get("start-hour")).param("clientId", clientId).param("hourStart", hourStart).update() == 1) {
            jdbc.sql(sql.get("forget-earlier-hours")).param("clientId", clientId).param("hourStart", hourStart).update();
        }
        return jdbc.sql(sql.get("take")).param("clientId", clientId).param("hourStart", hourStart).param("n", n)
                .param("limit", limit).update() == 1;
    }

    private static TestRecipient map(ResultSet rs, int row) throws SQLException {
        return new TestRecipient(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("email"),
                rs.getString("added_by"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
