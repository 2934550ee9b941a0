package org.optline.analytics.rollup;

import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.optline.analytics.rollup.EventTally.Activity;
import org.optline.analytics.rollup.EventTally.Clicker;
import org.optline.analytics.rollup.EventTally.Counts;
import org.optline.analytics.rollup.EventTally.Recipient;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the analytics rollups. Per-person tables (recipients, link clickers, engagement) take one
 * statement over arrays on PostgreSQL and a JDBC batch on H2; the per-campaign tables, with few
 * keys a group, a JDBC batch on both. Rows are per key of the tally, never per event; counters are added to (never read and written back),
 * so writers on several nodes add up. Rows are made on first use by an insert that does nothing
 * when the row is there, then updated: one form that runs on both PostgreSQL and H2.
 */
@Repository
public class RollupStore {

    private final NamedParameterJdbcTemplate named;
    private final JdbcClient jdbc;
    private final NamedSql sql;
    /** PostgreSQL takes the per-person rollups as one statement over arrays; H2 as batches. */
    private final boolean postgres;

    public RollupStore(NamedParameterJdbcTemplate named, JdbcClient jdbc, TenantScope scope) {
        this.named = named;
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(RollupStore.class);
        this.postgres = scope.isPostgres();
    }

    /** Makes the rows of these recipients where they are missing. */
    void ensureRecipients(List<Recipient> recipients) {
        if (postgres) {
            if (!recipients.isEmpty()) {
                jdbc.sql(sql.get("pg-ensure-recipients")).params(arrays(recipients)).update();
            }
            return;
        }
        batch(sql.get("ensure-recipient"), recipients, RollupStore::recipient);
    }

    /** Sets the first open (or click) of those recipients who had none; answers whom it was set for. */
    List<Recipient> firsts(Map<Recipient, Activity> recipients, boolean open) {
        List<Recipient> keys = recipients.entrySet().stream()
                .filter(e -> open ? e.getValue().opens > 0 : e.getValue().clicks > 0).map(Map.Entry::getKey).toList();
        if (postgres) {
            if (keys.isEmpty()) {
                return List.of();
            }
            Map<String, Object> params = arrays(keys);
            params.put("ats", SqlArrays.of(keys.stream().map(r -> text(open ? recipients.get(r).firstOpen : recipients.get(r).firstClick))
                    .toList()));
            return jdbc.sql(sql.get(open ? "pg-first-opens" : "pg-first-clicks")).params(params)
                    .query((rs, n) -> new Recipient(rs.getObject("client_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                            rs.getObject("subscriber_id", UUID.class))).list();
        }
        int[] rows = batch(sql.get(open ? "first-open" : "first-click"), keys, r -> recipient(r)
                .addValue("at", open ? recipients.get(r).firstOpen : recipients.get(r).firstClick));
        return changed(keys, rows);
    }

    void addToRecipients(Map<Recipient, Activity> recipients) {
        if (postgres) {
            List<Recipient> keys = List.copyOf(recipients.keySet());
            if (keys.isEmpty()) {
                return;
            }
            Map<String, Object> params = arrays(keys);
            params.put("opens", new SqlParameterValue(Types.ARRAY, keys.stream().map(r -> recipients.get(r).opens).toArray(Integer[]::new)));
            params.put("clicks", new SqlParameterValue(Types.ARRAY, keys.stream().map(r -> recipients.get(r).clicks).toArray(Integer[]::new)));
            params.put("lastOpens", texts(keys.stream().map(r -> recipients.get(r).lastOpen).toList()));
            params.put("lastClicks", texts(keys.stream().map(r -> recipients.get(r).lastClick).toList()));
            jdbc.sql(sql.get("pg-add-to-recipients")).params(params).update();
            return;
        }
        batch(sql.get("add-to-recipient"), List.copyOf(recipients.keySet()), r -> {
            Activity a = recipients.get(r);
            OffsetDateTime any = a.lastOpen != null ? a.lastOpen : a.lastClick;
            return recipient(r).addValue("opens", a.opens).addValue("clicks", a.clicks)
                    .addValue("lastOpen", a.lastOpen != null ? a.lastOpen : any)
                    .addValue("lastClick", a.lastClick != null ? a.lastClick : any);
        });
    }

    /** Notes who clicked which link; answers those who had not clicked that link before. */
    List<Clicker> markClickers(List<Clicker> clickers) {
        if (postgres) {
            if (clickers.isEmpty()) {
                return List.of();
            }
            Map<String, Object> params = new HashMap<>();
            params.put("campaigns", SqlArrays.ofIds(clickers.stream().map(Clicker::campaignId).toList()));
            params.put("links", new SqlParameterValue(Types.ARRAY, clickers.stream().map(Clicker::link).toArray(Integer[]::new)));
            params.put("subscribers", SqlArrays.ofIds(clickers.stream().map(Clicker::subscriberId).toList()));
            params.put("clients", SqlArrays.ofIds(clickers.stream().map(Clicker::clientId).toList()));
            return jdbc.sql(sql.get("pg-mark-clickers")).params(params)
                    .query((rs, n) -> new Clicker(rs.getObject("client_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                            rs.getInt("link"), rs.getObject("subscriber_id", UUID.class))).list();
        }
        Function<Clicker, MapSqlParameterSource> key = c -> new MapSqlParameterSource()
                .addValue("clientId", c.clientId()).addValue("campaignId", c.campaignId()).addValue("link", c.link())
                .addValue("subscriberId", c.subscriberId());
        batch(sql.get("mark-clicker"), clickers, key);
        return changed(clickers, batch(sql.get("count-clicker"), clickers, key));
    }

    void addToCampaigns(Map<EventTally.Campaign, Counts> campaigns) {
        addCounts(sql.get("ensure-campaign"), sql.get("add-to-campaign"), campaigns, c -> new MapSqlParameterSource()
                .addValue("clientId", c.clientId()).addValue("campaignId", c.campaignId())
                .addValue("at", campaigns.get(c).last));
    }

    void addToLinks(Map<EventTally.Link, Counts> links) {
        addCounts(sql.get("ensure-link"), sql.get("add-to-link"), links, l -> new MapSqlParameterSource()
                .addValue("clientId", l.clientId()).addValue("campaignId", l.campaignId()).addValue("link", l.link()));
    }

    void addToHours(Map<EventTally.Hour, Counts> hours) {
        addCounts(sql.get("ensure-hour"), sql.get("add-to-hour"), hours, h -> new MapSqlParameterSource()
                .addValue("clientId", h.clientId()).addValue("campaignId", h.campaignId()).addValue("hour", h.hour()));
    }

    void addToProviders(Map<EventTally.Provider, Counts> providers) {
        addCounts(sql.get("ensure-provider"), sql.get("add-to-provider"), providers, p -> new MapSqlParameterSource()
                .addValue("clientId", p.clientId()).addValue("campaignId", p.campaignId()).addValue("provider", p.group()));
    }

    /**
     * Adds each key's counts to its row of one counter table: {@code ensure} makes the row where it
     * is missing, {@code add} adds to it; one batch each for all the keys.
     */
    private <K> void addCounts(String ensure, String add, Map<K, Counts> rows, Function<K, MapSqlParameterSource> key) {
        List<K> keys = List.copyOf(rows.keySet());
        batch(ensure, keys, key);
        batch(add, keys, k -> counts(key.apply(k), rows.get(k)));
    }

    /** A person's last open and click over all campaigns, only ever moved forward. */
    void engaged(Map<EventTally.Person, Activity> people) {
        List<EventTally.Person> keys = List.copyOf(people.keySet());
        if (postgres) {
            if (keys.isEmpty()) {
                return;
            }
            Map<String, Object> params = new HashMap<>();
            params.put("clients", SqlArrays.ofIds(keys.stream().map(EventTally.Person::clientId).toList()));
            params.put("subscribers", SqlArrays.ofIds(keys.stream().map(EventTally.Person::subscriberId).toList()));
            params.put("lastOpens", texts(keys.stream().map(p -> people.get(p).lastOpen).toList()));
            params.put("lastClicks", texts(keys.stream().map(p -> people.get(p).lastClick).toList()));
            jdbc.sql(sql.get("pg-engaged")).params(params).update();
            return;
        }
        Function<EventTally.Person, MapSqlParameterSource> key = p -> new MapSqlParameterSource()
                .addValue("clientId", p.clientId()).addValue("subscriberId", p.subscriberId());
        batch(sql.get("ensure-engagement"), keys, key);
        batch(sql.get("engaged"), keys, p -> {
            Activity a = people.get(p);
            OffsetDateTime any = a.lastOpen != null ? a.lastOpen : a.lastClick;
            return key.apply(p).addValue("opened", a.opens > 0).addValue("clicked", a.clicks > 0)
                    .addValue("lastOpen", a.lastOpen != null ? a.lastOpen : any)
                    .addValue("lastClick", a.lastClick != null ? a.lastClick : any);
        });
    }

    /** Records a settled batch: who was sent the campaign, whose address bounced; answers how many of each were new. */
    int[] settled(UUID clientId, UUID campaignId, OffsetDateTime at, List<UUID> sent, List<UUID> bounced) {
        int newlySent = 0;
        int newlyBounced = 0;
        for (List<UUID> ids : SqlArrays.chunks(sent)) {
            newlySent += mark(sql.get("mark-sent"), sql.get("insert-sent"), clientId, campaignId, at, ids);
        }
        for (List<UUID> ids : SqlArrays.chunks(bounced)) {
            newlyBounced += mark(sql.get("mark-bounced"), sql.get("insert-bounced"), clientId, campaignId, at, ids);
        }
        jdbc.sql(sql.get("ensure-campaign")).param("clientId", clientId).param("campaignId", campaignId).update();
        jdbc.sql(sql.get("add-sending-to-campaign")).param("clientId", clientId).param("campaignId", campaignId)
                .param("bounced", newlyBounced).param("at", at).update();
        return new int[] {newlySent, newlyBounced};
    }

    private int mark(String update, String insert, UUID clientId, UUID campaignId, OffsetDateTime at, List<UUID> ids) {
        int updated = jdbc.sql(update).param("clientId", clientId).param("campaignId", campaignId).param("at", at)
                .param("ids", SqlArrays.ofIds(ids)).update();
        return updated + jdbc.sql(insert).param("clientId", clientId).param("campaignId", campaignId).param("at", at)
                .param("ids", SqlArrays.ofIds(ids)).update();
    }

    void addToDay(UUID clientId, LocalDate day, long sent, long bounced, long unsubscribes) {
        jdbc.sql(sql.get("ensure-day")).param("clientId", clientId).param("day", day).update();
        jdbc.sql(sql.get("add-to-day")).param("clientId", clientId).param("day", day).param("sent", sent)
                .param("bounced", bounced).param("unsubscribes", unsubscribes).update();
    }

    /** Puts an unsubscribe down to the last campaign sent to the person since {@code since}, if any; answers it. */
    Optional<UUID> unsubscribed(UUID clientId, UUID subscriberId, OffsetDateTime at, OffsetDateTime since) {
        Optional<UUID> campaign = jdbc.sql(sql.get("last-campaign-of")).param("clientId", clientId)
                .param("subscriberId", subscriberId).param("since", since).query(UUID.class).optional();
        campaign.ifPresent(id -> {
            if (jdbc.sql(sql.get("mark-unsubscribed")).param("clientId", clientId).param("campaignId", id)
                    .param("subscriberId", subscriberId).param("at", at).update() == 1) {
                jdbc.sql(sql.get("add-unsubscribe-to-campaign")).param("clientId", clientId).param("campaignId", id).update();
            }
        });
        return campaign;
    }

    /** The recipients' keys as three parallel arrays, for {@code unnest}. */
    private static Map<String, Object> arrays(List<Recipient> keys) {
        Map<String, Object> params = new HashMap<>();
        params.put("campaigns", SqlArrays.ofIds(keys.stream().map(Recipient::campaignId).toList()));
        params.put("subscribers", SqlArrays.ofIds(keys.stream().map(Recipient::subscriberId).toList()));
        params.put("clients", SqlArrays.ofIds(keys.stream().map(Recipient::clientId).toList()));
        return params;
    }

    /** Timestamps as ISO text, which PostgreSQL casts to timestamptz; null stays null. */
    private static SqlParameterValue texts(List<OffsetDateTime> times) {
        return new SqlParameterValue(Types.ARRAY, times.stream().map(RollupStore::text).toArray(String[]::new));
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toString();
    }

    private static MapSqlParameterSource recipient(Recipient r) {
        return new MapSqlParameterSource().addValue("clientId", r.clientId()).addValue("campaignId", r.campaignId())
                .addValue("subscriberId", r.subscriberId());
    }

    private static MapSqlParameterSource counts(MapSqlParameterSource p, Counts c) {
        return p.addValue("opens", c.opens).addValue("clicks", c.clicks).addValue("uniqueOpens", c.uniqueOpens)
                .addValue("uniqueClicks", c.uniqueClicks).addValue("machineOpens", c.machineOpens)
                .addValue("machineClicks", c.machineClicks);
    }

    private <K> int[] batch(String statement, List<K> keys, Function<K, MapSqlParameterSource> params) {
        if (keys.isEmpty()) {
            return new int[0];
        }
        return named.batchUpdate(statement, keys.stream().map(params).toArray(MapSqlParameterSource[]::new));
    }

    /** The keys whose statement changed a row. */
    private static <K> List<K> changed(List<K> keys, int[] rows) {
        List<K> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (rows[i] > 0) {
                out.add(keys.get(i));
            }
        }
        return out;
    }
}
