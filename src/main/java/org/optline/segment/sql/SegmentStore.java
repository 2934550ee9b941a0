package org.optline.segment.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.segment.CompiledSegment;
import org.optline.segment.Segment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for saved segments, and the count and sample queries of compiled segments. */
@Repository
public class SegmentStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public SegmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(SegmentStore.class);
    }

    public void insert(Segment s) {
        jdbc.sql(sql.get("insert")).param("id", s.id()).param("clientId", s.clientId()).param("name", s.name())
                .param("expression", s.expression()).param("at", s.createdAt()).update();
    }

    public Optional<Segment> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(SegmentStore::map).optional();
    }

    public List<Segment> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query(SegmentStore::map).list();
    }

    public boolean nameTaken(UUID clientId, String name, UUID exceptId) {
        return jdbc.sql(sql.get("name-taken")).param("clientId", clientId).param("name", name).param("id", exceptId)
                .query(Long.class).single() > 0;
    }

    public void update(UUID clientId, UUID id, String name, String expression, OffsetDateTime at) {
        jdbc.sql(sql.get("update")).param("clientId", clientId).param("id", id).param("name", name)
                .param("expression", expression).param("at", at).update();
    }

    public boolean delete(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update() == 1;
    }

    /** How many of the client's subscribers match; the predicate always pins the client id. */
    public long count(CompiledSegment segment) {
        return jdbc.sql(sql.get("count-matching") + " " + segment.where()).params(segment.params())
                .query(Long.class).single();
    }

    /** A few matching subscribers (id, email, name) for previews. */
    public List<Sample> sample(CompiledSegment segment, int limit) {
        var params = new HashMap<>(segment.params());
        params.put("sampleLimit", limit);
        return jdbc.sql(sql.get("sample-matching") + " " + segment.where() + "\n" + sql.get("sample-order")).params(params)
                .query((rs, n) -> new Sample(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                        rs.getString("status"))).list();
    }

    /** One matching subscriber in a preview. */
    public record Sample(UUID id, String email, String name, String status) {}

    private static Segment map(ResultSet rs, int n) throws SQLException {
        return new Segment(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("name"),
                rs.getString("expression"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
