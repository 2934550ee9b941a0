package org.optline.tracking.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads one campaign's raw events a page at a time, in the order they arrived, with each click's
 * stored link target, and one subscriber's events for a legal disclosure. Every query is pinned to
 * the client, and to the campaign or the subscriber.
 */
@Repository
public class CampaignEventStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(CampaignEventStore.class);

    CampaignEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of {@code kinds} after ({@code afterAt}, {@code afterId}), oldest first. */
    public List<TrackedEvents.Stored> page(UUID clientId, UUID campaignId, Collection<TrackedEvent.Kind> kinds, Instant afterAt,
                                           UUID afterId, int limit) {
        return jdbc.sql(sql.get("page")).param("clientId", clientId).param("campaignId", campaignId)
                .param("kinds", kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList())
                .param("afterAt", OffsetDateTime.ofInstant(afterAt, ZoneOffset.UTC)).param("afterId", afterId)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** A subscriber's events in any of the client's campaigns, newest first. */
    public List<TrackedEvents.OfSubscriber> ofSubscriber(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("of-subscriber")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit)
                .query((rs, n) -> new TrackedEvents.OfSubscriber(rs.getObject("campaign_id", UUID.class), stored(rs)))
                .list();
    }

    private static TrackedEvents.Stored stored(ResultSet rs) throws SQLException {
        return new TrackedEvents.Stored(rs.getObject("id", UUID.class), rs.getObject("subscriber_id", UUID.class),
                TrackedEvent.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getInt("link"),
                rs.getString("url"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                TrackedEvent.Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)), rs.getString("rule"));
    }
}
