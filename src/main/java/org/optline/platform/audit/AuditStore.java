package org.optline.platform.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the append-only audit log: there is deliberately no update or delete here. */
@Repository
public class AuditStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(AuditStore.class);
        sql.get("insert");
        sql.get("first-page");
        sql.get("next-page");
    }

    public void insert(OffsetDateTime at, UUID clientId, Actor actor, String action, String target, String detail) {
        jdbc.sql(sql.get("insert"))
                .param("at", at)
                .param("clientId", clientId)
                .param("actorKind", actor.kind().name())
                .param("actorId", actor.id())
                .param("actorLabel", truncate(actor.label(), 320))
                .param("action", action)
                .param("target", truncate(target, 200))
                .param("sourceIp", truncate(actor.sourceIp(), 64))
                .param("detail", truncate(detail, 2000))
                .update();
    }

    /** Newest first, before entry id {@code before} when given. Visibility is the caller's scope. */
    public List<AuditEntry> page(Long before, int limit) {
        var spec = before == null
                ? jdbc.sql(sql.get("first-page"))
                : jdbc.sql(sql.get("next-page")).param("before", before);
        return spec.param("limit", limit).query((rs, n) -> new AuditEntry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class),
                rs.getObject("client_id", UUID.class),
                Actor.Kind.valueOf(rs.getString("actor_kind")),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_label"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("source_ip"),
                rs.getString("detail"))).list();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
