package org.optline.platform.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Client;
import org.optline.platform.ClientStatus;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the clients table. Callers run it inside a {@code TenantScope}. */
@Repository
public class ClientStore {

    private final JdbcClient jdbc;
    private final String insertIfAbsent;
    private final String insert;
    private final String find;
    private final String firstPage;
    private final String nextPage;
    private final String moveStatus;
    private final String idsWithStatus;
    private final String changeDetails;
    private final String changeTimeZone;

    public ClientStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        NamedSql sql = NamedSql.forClass(ClientStore.class);
        this.insert = sql.get("insert");
        this.insertIfAbsent = sql.get("insert-if-absent");
        this.find = sql.get("find");
        this.firstPage = sql.get("first-page");
        this.nextPage = sql.get("next-page");
        this.moveStatus = sql.get("move-status");
        this.idsWithStatus = sql.get("ids-with-status");
        this.changeDetails = sql.get("change-details");
        this.changeTimeZone = sql.get("change-time-zone");
    }

    public void insert(Client client) {
        insert(insert, client);
    }

    /** Inserts the client unless a row with its id exists; answers whether this call inserted it. */
    public boolean insertIfAbsent(Client client) {
        return insert(insertIfAbsent, client) == 1;
    }

    private int insert(String statement, Client client) {
        return jdbc.sql(statement)
                .param("id", client.id())
                .param("name", client.name())
                .param("postalAddress", client.postalAddress())
                .param("status", client.status().wireName())
                .param("timeZone", client.timeZone())
                .param("createdAt", client.createdAt())
                .update();
    }

    public Optional<Client> find(UUID id) {
        return jdbc.sql(find).param("id", id).query(ClientStore::map).optional();
    }

    public List<Client> page(Cursor after, int limit) {
        if (after == null) {
            return jdbc.sql(firstPage).param("limit", limit).query(ClientStore::map).list();
        }
        return jdbc.sql(nextPage)
                .param("createdAt", after.createdAt())
                .param("id", after.id())
                .param("limit", limit)
                .query(ClientStore::map).list();
    }

    /** The ids of every client in {@code status}. */
    public List<UUID> idsWithStatus(ClientStatus status) {
        return jdbc.sql(idsWithStatus).param("status", status.wireName()).query(UUID.class).list();
    }

    /** Moves the status only if it is still {@code expected}; answers whether it moved. */
    public boolean moveStatus(UUID id, ClientStatus expected, ClientStatus next, OffsetDateTime at) {
        return jdbc.sql(moveStatus)
                .param("id", id)
                .param("expected", expected.wireName())
                .param("next", next.wireName())
                .param("at", at)
                .update() == 1;
    }

    /** Writes a client's postal address and time zone, both already checked. */
    public void changeDetails(UUID id, String postalAddress, String timeZone, OffsetDateTime at) {
        jdbc.sql(changeDetails)
                .param("id", id)
                .param("postalAddress", postalAddress)
                .param("timeZone", timeZone)
                .param("at", at)
                .update();
    }

    /** Writes a client's time zone, already checked. */
    public void changeTimeZone(UUID id, String timeZone, OffsetDateTime at) {
        jdbc.sql(changeTimeZone).param("id", id).param("timeZone", timeZone).param("at", at).update();
    }

    private static Client map(ResultSet rs, int row) throws SQLException {
        return new Client(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("postal_address"),
                ClientStatus.fromWire(rs.getString("status")),
                rs.getString("time_zone"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
