package org.optline.analytics.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for clients' webhook endpoints. The signing secret is sealed here before it is written
 * ({@link SecretBox}, bound to the endpoint's row) and opened only for the dispatcher.
 */
@Repository
class WebhookEndpointStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;
    private final SecretBox box;

    WebhookEndpointStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
        this.sql = NamedSql.forClass(WebhookEndpointStore.class);
    }

    /** What a sealed secret is bound to: a secret copied into another endpoint's row does not open there. */
    static String secretContext(UUID endpointId) {
        return "webhook_endpoints.secret:" + endpointId;
    }

    String openSecret(UUID endpointId, String sealed) {
        return box.open(secretContext(endpointId), sealed);
    }

    void insert(UUID clientId, WebhookEndpoint endpoint, String secret) {
        jdbc.sql(sql.get("insert")).param("id", endpoint.id()).param("clientId", clientId).param("url", endpoint.url())
                .param("events", String.join(",", endpoint.events()))
                .param("secret", box.seal(secretContext(endpoint.id()), secret)).param("at", endpoint.createdAt()).update();
    }

    List<WebhookEndpoint> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(WebhookEndpointStore::endpoint).list();
    }

    Optional<WebhookEndpoint> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(WebhookEndpointStore::endpoint).optional();
    }

    int count(UUID clientId) {
        return jdbc.sql(sql.get("count")).param("clientId", clientId).query(Integer.class).single();
    }

    /** Deletes the endpoint with its waiting deliveries and its log. */
    boolean delete(UUID clientId, UUID id) {
        jdbc.sql(sql.get("delete-outbox")).param("clientId", clientId).param("id", id).update();
        jdbc.sql(sql.get("delete-log")).param("clientId", clientId).param("id", id).update();
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update() > 0;
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("url"),
                Arrays.asList(rs.getString("events").split(",")), rs.getObject("created_at", OffsetDateTime.class));
    }
}
