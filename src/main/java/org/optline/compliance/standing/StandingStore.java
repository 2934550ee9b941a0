package org.optline.compliance.standing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.compliance.StandingAlert;
import org.optline.compliance.StandingLevel;
import org.optline.compliance.UnsubscribeLatency;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The standing counters, levels, watched unsubscribes and alerts (V37). Every query but the
 * monitor's list of clients and the operator's alert list takes the client id and filters by it.
 */
@Repository
class StandingStore {

    /** Counts added to a day or a campaign. */
    record Counts(long sent, long hardBounces, long unknownUsers, long complaints, long unsubscribes) {}

    /** A campaign's counts so far and the level the monitor last acted on. */
    record CampaignCounts(UUID campaignId, Counts counts, StandingLevel level) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    StandingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(StandingStore.class);
    }

    void addToDay(UUID clientId, LocalDate day, Counts c) {
        jdbc.sql(sql.get("ensure-day")).param("clientId", clientId).param("day", day).update();
        jdbc.sql(sql.get("add-to-day")).param("clientId", clientId).param("day", day).param("sent", c.sent())
                .param("hard", c.hardBounces()).param("unknown", c.unknownUsers()).param("complaints", c.complaints())
                .param("unsubscribes", c.unsubscribes()).update();
    }

    void addToCampaign(UUID clientId, UUID campaignId, OffsetDateTime at, Counts c) {
        jdbc.sql(sql.get("ensure-campaign")).param("clientId", clientId).param("campaignId", campaignId).param("at", at).update();
        jdbc.sql(sql.get("add-to-campaign")).param("clientId", clientId).param("campaignId", campaignId).param("at", at)
                .param("sent", c.sent()).param("hard", c.hardBounces()).param("unknown", c.unknownUsers())
                .param("complaints", c.complaints()).update();
    }

    Counts window(UUID clientId, LocalDate since) {
        return jdbc.sql(sql.get("window")).param("clientId", clientId).param("since", since)
                .query((rs, n) -> new Counts(rs.getLong("sent"), rs.getLong("hard_bounces"), rs.getLong("unknown_users"),
                        rs.getLong("complaints"), rs.getLong("unsubscribes"))).single();
    }

    List<CampaignCounts> campaigns(UUID clientId, int limit) {
        return jdbc.sql(sql.get("campaigns")).param("clientId", clientId).param("limit", limit).query(StandingStore::campaignRow)
                .list();
    }

    Optional<CampaignCounts> campaign(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("campaign")).param("clientId", clientId).param("campaignId", campaignId)
                .query(StandingStore::campaignRow).optional();
    }

    boolean moveCampaignLevel(UUID clientId, UUID campaignId, StandingLevel expected, StandingLevel next) {
        return jdbc.sql(sql.get("move-campaign-level")).param("clientId", clientId).param("campaignId", campaignId)
                .param("expected", expected.wireName()).param("next", next.wireName()).update() == 1;
    }

    StandingLevel level(UUID clientId, OffsetDateTime now) {
        jdbc.sql(sql.get("ensure-level")).param("clientId", clientId).param("at", now).update();
        return StandingLevel.fromWire(jdbc.sql(sql.get("level")).param("clientId", clientId).query(String.class).single());
    }

    /** The level the monitor last acted on, read without writing (for page views); empty before its first look. */
    Optional<StandingLevel> storedLevel(UUID clientId) {
        return jdbc.sql(sql.get("level")).param("clientId", clientId).query(String.class).optional().map(StandingLevel::fromWire);
    }

    boolean moveLevel(UUID clientId, StandingLevel expected, StandingLevel next, OffsetDateTime now) {
        return jdbc.sql(sql.get("move-level")).param("clientId", clientId).param("expected", expected.wireName())
                .param("next", next.wireName()).param("at", now).update() == 1;
    }

    List<UUID> clientsToCheck(LocalDate since) {
        return jdbc.sql(sql.get("clients-to-check")).param("since", since).query(UUID.class).list();
    }

    List<UUID> campaignsToCheck(UUID clientId, OffsetDateTime since) {
        return jdbc.sql(sql.get("campaigns-to-check")).param("clientId", clientId).param("since", since).query(UUID.class).list();
    }

    void watchUnsubscribe(UUID clientId, UUID subscriberId, OffsetDateTime at, String source) {
        jdbc.sql(sql.get("watch-unsubscribe")).param("clientId", clientId).param("subscriberId", subscriberId).param("at", at)
                .param("source", source).update();
    }

    void forgetUnsubscribes(UUID clientId, Collection<UUID> subscriberIds) {
        for (List<UUID> chunk : SqlArrays.chunks(List.copyOf(subscriberIds))) {
            jdbc.sql(sql.get("forget-unsubscribes")).param("clientId", clientId).param("subscriberIds", SqlArrays.ofIds(chunk))
                    .update();
        }
    }

    /** Of these recipients of a message sent at {@code at}, who had left before it, and when; counted as late sends. */
    Map<UUID, OffsetDateTime> countReachedAfterLeaving(UUID clientId, List<UUID> subscriberIds, OffsetDateTime at) {
        Map<UUID, OffsetDateTime> late = new LinkedHashMap<>();
        for (List<UUID> chunk : SqlArrays.chunks(subscriberIds)) {
            Map<UUID, OffsetDateTime> found = jdbc.sql(sql.get("reached-after-leaving")).param("clientId", clientId)
                    .param("subscriberIds", SqlArrays.ofIds(chunk)).param("at", at)
                    .query((rs, n) -> Map.entry(rs.getObject("subscriber_id", UUID.class),
                            rs.getObject("unsubscribed_at", OffsetDateTime.class)))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (!found.isEmpty()) {
                jdbc.sql(sql.get("count-late-send")).param("clientId", clientId)
                        .param("subscriberIds", SqlArrays.ofIds(found.keySet())).param("at", at).update();
                late.putAll(found);
            }
        }
        return late;
    }

    UnsubscribeLatency latency(UUID clientId, OffsetDateTime since) {
        long longest = jdbc.sql(sql.get("late-spans")).param("clientId", clientId).param("since", since)
                .query((rs, n) -> Duration.between(rs.getObject("unsubscribed_at", OffsetDateTime.class),
                        rs.getObject("last_late_send_at", OffsetDateTime.class)).toSeconds())
                .list().stream().mapToLong(Long::longValue).max().orElse(0);
        return jdbc.sql(sql.get("latency")).param("clientId", clientId).param("since", since)
                .query((rs, n) -> new UnsubscribeLatency(rs.getLong("unsubscribes"), rs.getLong("reached_late"),
                        rs.getLong("late_sends"), longest, rs.getObject("last_late_send_at", OffsetDateTime.class)))
                .single();
    }

    /** Stores an alert unless one with the same key exists (the same alert from another node); answers whether it is new. */
    boolean raiseAlert(UUID clientId, UUID campaignId, String kind, StandingLevel level, String detail, OffsetDateTime at,
                       String dedupeKey) {
        return jdbc.sql(sql.get("raise-alert")).param("id", UUID.randomUUID()).param("clientId", clientId)
                .param("campaignId", campaignId).param("kind", kind).param("level", level.wireName())
                .param("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail).param("at", at)
                .param("dedupeKey", dedupeKey).update() == 1;
    }

    List<StandingAlert> alerts(int limit) {
        return jdbc.sql(sql.get("alerts")).param("limit", limit).query(StandingStore::alertRow).list();
    }

    List<StandingAlert> clientAlerts(UUID clientId, int limit) {
        return jdbc.sql(sql.get("client-alerts")).param("clientId", clientId).param("limit", limit)
                .query(StandingStore::alertRow).list();
    }

    private static CampaignCounts campaignRow(ResultSet rs, int n) throws SQLException {
        return new CampaignCounts(rs.getObject("campaign_id", UUID.class), new Counts(rs.getLong("sent"),
                rs.getLong("hard_bounces"), rs.getLong("unknown_users"), rs.getLong("complaints"), 0),
                StandingLevel.fromWire(rs.getString("level")));
    }

    private static StandingAlert alertRow(ResultSet rs, int n) throws SQLException {
        return new StandingAlert(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getString("kind"), StandingLevel.fromWire(rs.getString("level")),
                rs.getString("detail"), rs.getObject("raised_at", OffsetDateTime.class));
    }
}
