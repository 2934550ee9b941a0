package org.optline.campaign.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.RecipientSelection;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.ContentFormat;
import org.optline.campaign.MessageTemplate;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.SqlLike;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for templates and campaigns; every statement takes the client id. */
@Repository
public class CampaignStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(CampaignStore.class);
    }

    public void insertTemplate(MessageTemplate t) {
        jdbc.sql(sql.get("insert-template")).param("id", t.id()).param("clientId", t.clientId()).param("name", t.name())
                .param("html", t.html()).param("at", t.createdAt()).update();
    }

    public Optional<MessageTemplate> findTemplate(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find-template")).param("clientId", clientId).param("id", id).query(CampaignStore::template).optional();
    }

    public List<MessageTemplate> templates(UUID clientId) {
        return jdbc.sql(sql.get("list-templates")).param("clientId", clientId).query(CampaignStore::template).list();
    }

    public boolean templateNameTaken(UUID clientId, String name) {
        return jdbc.sql(sql.get("template-name-taken")).param("clientId", clientId).param("name", name).query(Long.class).single() > 0;
    }

    public void insert(Campaign c) {
        jdbc.sql(sql.get("insert")).params(params(c)).param("at", c.createdAt()).update();
        setLists(c.clientId(), c.id(), c.listIds());
    }

    /** Saves new content; false when the campaign is no longer editable. */
    public boolean update(Campaign c, OffsetDateTime at) {
        if (jdbc.sql(sql.get("update")).params(params(c)).param("at", at).update() != 1) {
            return false;
        }
        setLists(c.clientId(), c.id(), c.listIds());
        return true;
    }

    /** Which client owns a campaign; only in the platform scope. */
    public Optional<UUID> clientOf(UUID id) {
        return jdbc.sql(sql.get("client-of")).param("id", id).query(UUID.class).optional();
    }

    public Optional<Campaign> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(this::campaign).optional();
    }

    public List<Campaign> list(UUID clientId, int limit) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).param("limit", limit).query(this::campaign).list();
    }

    /** The names of these campaigns of the client, by id. */
    public Map<UUID, String> namesOf(UUID clientId, Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql(sql.get("names-of")).param("clientId", clientId).param("ids", SqlArrays.ofIds(ids))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                });
        return names;
    }

    /** The ids of the client's campaigns with this name, compared lower-cased. */
    public List<UUID> idsNamed(UUID clientId, String lowerName) {
        return jdbc.sql(sql.get("ids-named")).param("clientId", clientId).param("name", lowerName).query(UUID.class).list();
    }

    public boolean delete(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("delete")).param("clientId", clientId).param("id", id).update() == 1;
    }

    /** How many the selection reaches. */
    public long recipients(RecipientSelection selection) {
        return jdbc.sql(selection.sql(sql.get("count-recipients"))).params(selection.params()).query(Long.class).single();
    }

    public boolean moveStatus(UUID clientId, UUID id, CampaignStatus expected, CampaignStatus next, OffsetDateTime scheduledAt,
                              OffsetDateTime at) {
        return jdbc.sql(sql.get("move-status")).param("clientId", clientId).param("id", id).param("expected", expected.wireName())
                .param("next", next.wireName()).param("scheduledAt", scheduledAt).param("at", at).update() == 1;
    }

    /** As {@link #moveStatus}, leaving a note of why (shown with the status until it moves again). */
    public boolean moveStatusWithNote(UUID clientId, UUID id, CampaignStatus expected, CampaignStatus next, String note,
                                      OffsetDateTime at) {
        return jdbc.sql(sql.get("move-status-with-note")).param("clientId", clientId).param("id", id)
                .param("expected", expected.wireName()).param("next", next.wireName())
                .param("note", note.length() > 500 ? note.substring(0, 500) : note).param("at", at).update() == 1;
    }

    /** Campaigns in a status across all clients (platform scope), as (client, campaign). */
    public List<UUID[]> inStatus(CampaignStatus status) {
        return jdbc.sql(sql.get("in-status")).param("status", status.wireName())
                .query((rs, n) -> new UUID[] {rs.getObject("client_id", UUID.class), rs.getObject("id", UUID.class)}).list();
    }

    /** One client's campaigns in a status. */
    public List<UUID> inStatus(UUID clientId, CampaignStatus status) {
        return jdbc.sql(sql.get("in-status-of-client")).param("clientId", clientId).param("status", status.wireName())
                .query(UUID.class).list();
    }

    /** The names of a client's campaigns that will still send From an address at {@code domain} (lower case). */
    public List<String> namesStillSendingFrom(UUID clientId, String domain) {
        return jdbc.sql(sql.get("names-from-domain")).param("clientId", clientId).param("pattern", "%@" + SqlLike.escape(domain))
                .query(String.class).list();
    }

    public List<UUID[]> due(OffsetDateTime now) {
        return jdbc.sql(sql.get("due")).param("now", now)
                .query((rs, n) -> new UUID[] {rs.getObject("client_id", UUID.class), rs.getObject("id", UUID.class)}).list();
    }

    private void setLists(UUID clientId, UUID id, List<UUID> listIds) {
        jdbc.sql(sql.get("clear-lists")).param("clientId", clientId).param("id", id).update();
        for (UUID listId : listIds) {
            jdbc.sql(sql.get("add-list")).param("clientId", clientId).param("id", id).param("listId", listId).update();
        }
    }

    private static Map<String, Object> params(Campaign c) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", c.id());
        p.put("clientId", c.clientId());
        p.put("name", c.name());
        p.put("subject", c.subject());
        p.put("preheader", c.preheader());
        p.put("fromName", c.fromName());
        p.put("fromEmail", c.fromEmail());
        p.put("replyTo", c.replyTo());
        p.put("html", c.html());
        p.put("text", c.text());
        p.put("tracking", c.tracking());
        p.put("format", c.format().wireName());
        p.put("source", c.source());
        // A null id needs a type for the PostgreSQL driver; a present one binds as a UUID.
        p.put("templateId", c.templateId() == null ? new SqlParameterValue(Types.OTHER, null) : c.templateId());
        p.put("segmentId", c.segmentId() == null ? new SqlParameterValue(Types.OTHER, null) : c.segmentId());
        return p;
    }

    private Campaign campaign(ResultSet rs, int n) throws SQLException {
        UUID clientId = rs.getObject("client_id", UUID.class);
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> lists = jdbc.sql(sql.get("lists-of")).param("clientId", clientId).param("id", id).query(UUID.class).list();
        return Campaign.builder().id(id).clientId(clientId).name(rs.getString("name")).subject(rs.getString("subject"))
                .preheader(rs.getString("preheader")).fromName(rs.getString("from_name")).fromEmail(rs.getString("from_email"))
                .replyTo(rs.getString("reply_to")).html(rs.getString("html")).text(rs.getString("text_body"))
                .templateId(rs.getObject("template_id", UUID.class)).segmentId(rs.getObject("segment_id", UUID.class))
                .listIds(lists).status(CampaignStatus.fromWire(rs.getString("status")))
                .scheduledAt(rs.getObject("scheduled_at", OffsetDateTime.class))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class)).statusNote(rs.getString("status_note"))
                .tracking(rs.getBoolean("tracking"))
                .format(ContentFormat.fromWire(rs.getString("content_format"))).source(rs.getString("source")).build();
    }

    private static MessageTemplate template(ResultSet rs, int n) throws SQLException {
        return new MessageTemplate(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("name"),
                rs.getString("html"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
