package org.optline.site.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Cursor;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the contact form's leads: the platform's own rows, no client's. */
@Repository
class LeadStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(LeadStore.class);

    LeadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Lead lead) {
        jdbc.sql(sql.get("insert"))
                .param("id", lead.id()).param("reference", lead.reference()).param("name", lead.name())
                .param("email", lead.email()).param("company", lead.company()).param("phone", lead.phone())
                .param("message", lead.message()).param("consentText", lead.consentText())
                .param("createdAt", lead.createdAt())
                .update();
    }

    Optional<Lead> find(UUID id) {
        return jdbc.sql(sql.get("find")).param("id", id).query(LeadStore::lead).optional();
    }

    List<Lead> page(String status, Cursor after, int limit) {
        return jdbc.sql(sql.get("page"))
                .param("status", status)
                .param("afterAt", after == null ? null : after.createdAt())
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(LeadStore::lead).list();
    }

    boolean answer(UUID id, OffsetDateTime at, String by, String note) {
        return jdbc.sql(sql.get("answer")).param("id", id).param("at", at).param("by", by).param("note", note).update() == 1;
    }

    int purge(OffsetDateTime before) {
        return jdbc.sql(sql.get("purge")).param("before", before).update();
    }

    private static Lead lead(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("name"),
                rs.getString("email"), rs.getString("company"), rs.getString("phone"), rs.getString("message"),
                rs.getString("consent_text"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("answered_at", OffsetDateTime.class), rs.getString("answered_by"),
                rs.getString("answer_note"));
    }
}
