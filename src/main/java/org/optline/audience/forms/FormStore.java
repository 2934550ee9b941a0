package org.optline.audience.forms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.SubscriptionForm;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for subscription forms. */
@Repository
public class FormStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public FormStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(FormStore.class);
    }

    public Optional<SubscriptionForm> byList(UUID clientId, UUID listId) {
        return jdbc.sql(sql.get("by-list")).param("clientId", clientId).param("listId", listId).query(FormStore::map).optional();
    }

    public Optional<SubscriptionForm> byId(UUID id) {
        return jdbc.sql(sql.get("by-id")).param("id", id).query(FormStore::map).optional();
    }

    public void insert(SubscriptionForm f) {
        jdbc.sql(sql.get("insert")).param("id", f.id()).param("clientId", f.clientId()).param("listId", f.listId())
                .param("enabled", f.enabled()).param("title", f.title()).param("intro", f.intro())
                .param("fieldKeys", String.join(",", f.fieldKeys())).param("consentText", f.consentText())
                .param("at", f.createdAt()).update();
    }

    public void update(SubscriptionForm f, OffsetDateTime at) {
        jdbc.sql(sql.get("update")).param("id", f.id()).param("clientId", f.clientId()).param("enabled", f.enabled())
                .param("title", f.title()).param("intro", f.intro()).param("fieldKeys", String.join(",", f.fieldKeys()))
                .param("consentText", f.consentText()).param("at", at).update();
    }

    private static SubscriptionForm map(ResultSet rs, int n) throws SQLException {
        String keys = rs.getString("field_keys");
        return new SubscriptionForm(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("list_id", UUID.class), rs.getBoolean("enabled"), rs.getString("title"), rs.getString("intro"),
                keys.isBlank() ? List.of() : Arrays.asList(keys.split(",")), rs.getString("consent_text"),
                rs.getInt("consent_version"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
