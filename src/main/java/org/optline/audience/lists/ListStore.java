package org.optline.audience.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.MailingList;
import org.optline.audience.OptInMode;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for lists; every statement takes the client id. */
@Repository
public class ListStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public ListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(ListStore.class);
    }

    public void insert(MailingList list) {
        jdbc.sql(sql.get("insert"))
                .param("id", list.id()).param("clientId", list.clientId()).param("name", list.name())
                .param("description", list.description()).param("optIn", list.optIn().wireName())
                .param("at", list.createdAt()).update();
    }

    public Optional<MailingList> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(ListStore::map).optional();
    }

    public List<MailingList> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(ListStore::map).list();
    }

    public boolean nameTaken(UUID clientId, String name, UUID exceptId) {
        return jdbc.sql(sql.get("name-taken")).param("clientId", clientId).param("name", name)
                .param("id", exceptId).query(Long.class).single() > 0;
    }

    public void update(UUID clientId, UUID id, String name, String description, OptInMode optIn, OffsetDateTime at) {
        jdbc.sql(sql.get("update")).param("clientId", clientId).param("id", id).param("name", name)
                .param("description", description).param("optIn", optIn.wireName()).param("at", at).update();
    }

    public boolean delete(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update() == 1;
    }


    /** Members per list and membership status. */
    public Map<UUID, Map<String, Long>> memberCounts(UUID clientId) {
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql(sql.get("member-counts")).param("clientId", clientId).query(rs -> {
            counts.computeIfAbsent(rs.getObject("list_id", UUID.class), k -> new HashMap<>())
                    .put(rs.getString("status"), rs.getLong("n"));
        });
        return counts;
    }

    private static MailingList map(ResultSet rs, int row) throws SQLException {
        return new MailingList(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getString("name"), rs.getString("description"), OptInMode.fromWire(rs.getString("opt_in")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
