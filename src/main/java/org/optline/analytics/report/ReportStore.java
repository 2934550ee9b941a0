package org.optline.analytics.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.analytics.CampaignReport;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the analytics rollups: every query is keyed by client and campaign (or subscriber), never a scan of events. */
@Repository
public class ReportStore {

    /** The first subscriber id in keyset order. */
    public static final UUID BEFORE_ALL = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(ReportStore.class);
    }

    /**
     * A campaign's totals; all zero before its first send or event. {@code hardBounces} counts people
     * refused at send time or bounced for good by a DSN, {@code softBounces} people with a soft bounce
     * and no hard one, {@code complaints} people who complained.
     */
    public record Totals(long opens, long uniqueOpens, long clicks, long uniqueClicks, long machineOpens, long machineClicks,
                         long unsubscribes, long hardBounces, long softBounces, long complaints, OffsetDateTime firstSentAt,
                         OffsetDateTime lastEventAt) {
        public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    /**
     * A client's sending per day: {@code hardBounces} are refusals at send time (so {@code sent +
     * hardBounces} is the messages handed over), {@code dsnHardBounces} hard bounces reported later by DSN.
     */
    public record DayFigures(LocalDate day, long sent, long hardBounces, long unsubscribes, long dsnHardBounces,
                             long softBounces, long complaints) {}

    /**
     * One recipient's results in one campaign (or one campaign's, in a subscriber's activity).
     * {@code bounceStatus} is the DSN's status of a hard bounce (null when refused at send time).
     */
    public record RecipientRow(UUID id, OffsetDateTime sentAt, OffsetDateTime bouncedAt, OffsetDateTime firstOpenAt,
                               OffsetDateTime lastOpenAt, int opens, OffsetDateTime firstClickAt, OffsetDateTime lastClickAt,
                               int clicks, OffsetDateTime unsubscribedAt, String bounceStatus, OffsetDateTime softBouncedAt,
                               String softBounceStatus, OffsetDateTime complainedAt, String feedbackType) {}

    public Totals totals(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("campaign")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> totals(rs)).optional().orElse(Totals.NONE);
    }

    public Map<UUID, Totals> totals(UUID clientId, Collection<UUID> campaignIds) {
        if (campaignIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(sql.get("campaigns")).param("clientId", clientId).param("ids", SqlArrays.ofIds(campaignIds))
                .query((rs, n) -> Map.entry(rs.getObject("campaign_id", UUID.class), totals(rs))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public List<CampaignReport.LinkFigures> links(UUID clientId, UUID campaignId, List<String> urls) {
        return jdbc.sql(sql.get("links")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> {
                    int link = rs.getInt("link");
                    return new CampaignReport.LinkFigures(link, link >= 0 && link < urls.size() ? urls.get(link) : null,
                            rs.getLong("clicks"), rs.getLong("unique_clicks"), rs.getLong("machine_clicks"));
                }).list();
    }

    public List<CampaignReport.Hour> hours(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("hours")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> new CampaignReport.Hour(rs.getObject("hour_start", OffsetDateTime.class), rs.getLong("opens"),
                        rs.getLong("unique_opens"), rs.getLong("clicks"), rs.getLong("unique_clicks"))).list();
    }

    public List<CampaignReport.ProviderFigures> providers(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("providers")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> new CampaignReport.ProviderFigures(rs.getString("provider_group"), rs.getLong("opens"),
                        rs.getLong("unique_opens"), rs.getLong("clicks"), rs.getLong("unique_clicks"),
                        rs.getLong("machine_opens"), rs.getLong("machine_clicks"))).list();
    }

    public List<DayFigures> days(UUID clientId, LocalDate from) {
        return jdbc.sql(sql.get("days")).param("clientId", clientId).param("from", from)
                .query((rs, n) -> new DayFigures(rs.getObject("day_start", LocalDate.class), rs.getLong("sent"),
                        rs.getLong("hard_bounces"), rs.getLong("unsubscribes"), rs.getLong("dsn_hard_bounces"),
                        rs.getLong("soft_bounces"), rs.getLong("complaints"))).list();
    }

    /** A subscriber's campaigns, newest first; each row's id is the campaign's. */
    public List<RecipientRow> activity(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("activity")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit).query((rs, n) -> recipient(rs, "campaign_id")).list();
    }

    /** A page of a campaign's recipients after {@code after} ({@link #BEFORE_ALL} first), in subscriber order. */
    public List<RecipientRow> recipients(UUID clientId, UUID campaignId, UUID after, int limit) {
        return jdbc.sql(sql.get("recipients-page")).param("clientId", clientId).param("campaignId", campaignId)
                .param("after", after).param("limit", limit).query((rs, n) -> recipient(rs, "subscriber_id")).list();
    }

    private static Totals totals(ResultSet rs) throws SQLException {
        return new Totals(rs.getLong("opens"), rs.getLong("unique_opens"), rs.getLong("clicks"), rs.getLong("unique_clicks"),
                rs.getLong("machine_opens"), rs.getLong("machine_clicks"), rs.getLong("unsubscribes"),
                rs.getLong("hard_bounces"), rs.getLong("soft_bounces"), rs.getLong("complaints"),
                rs.getObject("first_sent_at", OffsetDateTime.class),
                rs.getObject("last_event_at", OffsetDateTime.class));
    }

    private static RecipientRow recipient(ResultSet rs, String idColumn) throws SQLException {
        return new RecipientRow(rs.getObject(idColumn, UUID.class), at(rs, "sent_at"), at(rs, "bounced_at"),
                at(rs, "first_open_at"), at(rs, "last_open_at"), rs.getInt("opens"), at(rs, "first_click_at"),
                at(rs, "last_click_at"), rs.getInt("clicks"), at(rs, "unsubscribed_at"), rs.getString("bounce_status"),
                at(rs, "soft_bounced_at"), rs.getString("soft_bounce_status"), at(rs, "complained_at"), rs.getString("feedback_type"));
    }

    private static OffsetDateTime at(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
