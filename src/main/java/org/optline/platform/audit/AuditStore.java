package org.optline.platform.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditFilter;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlLike;
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
        sql.get("search");
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

    /**
     * Newest first, before entry id {@code before} when given, narrowed by the filter: {@code actor}
     * is matched as part of the label in any case, {@code action} as a start, days in UTC
     * ({@code to} included). Visibility is also the caller's scope.
     */
    public List<AuditEntry> search(AuditFilter filter, Long before, int limit) {
        return jdbc.sql(sql.get("search"))
                .param("clientId", filter.clientId())
                .param("actor", filter.actor() == null ? null : "%" + SqlLike.escape(filter.actor().toLowerCase(Locale.ROOT)) + "%")
                .param("action", filter.action() == null ? null : SqlLike.escape(filter.action()) + "%")
                .param("from", filter.from() == null ? null : filter.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                .param("until", filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .param("before", before)
                .param("limit", limit)
                .query((rs, n) -> new AuditEntry(
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
