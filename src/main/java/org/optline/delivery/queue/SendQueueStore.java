package org.optline.delivery.queue;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for send jobs and the send queue, a state machine per (campaign, subscriber). */
@Repository
public class SendQueueStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedSql sql;

    public SendQueueStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
        this.sql = NamedSql.forClass(SendQueueStore.class);
        List.of("job", "insert-job", "set-recipients", "finish-job", "claim-queued-postgresql", "claim-deferred-postgresql",
                "claim-expired-postgresql", "claim-queued-h2", "claim-deferred-h2", "claim-expired-h2", "analyze", "claimed", "settle", "defer", "fail", "postpone", "attempts", "renew", "release-some",
                "release", "open", "counts").forEach(sql::get);
    }

    /** Whether the job exists, and whether it is finished. */
    public Optional<Boolean> jobFinished(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("job")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> rs.getObject("finished_at") != null).optional();
    }

    /**
     * Creates the job and fills the queue with every recipient in one set-based statement. The
     * job row's primary key makes this happen once per campaign, whichever node gets there first.
     */
    public long materialize(UUID clientId, UUID campaignId, String recipientsFromWhere, Map<String, Object> params,
                            OffsetDateTime now) {
        jdbc.sql(sql.get("insert-job")).param("clientId", clientId).param("campaignId", campaignId).param("at", now).update();
        Map<String, Object> all = new HashMap<>(params);
        all.put("queueCampaign", campaignId);
        all.put("queueNow", now);
        long n = jdbc.sql("insert into send_queue (campaign_id, client_id, subscriber_id, state, updated_at) "
                + "select :queueCampaign, s.client_id, s.id, 'queued', :queueNow " + recipientsFromWhere).params(all).update();
        jdbc.sql(sql.get("set-recipients")).param("clientId", clientId).param("campaignId", campaignId).param("recipients", n).update();
        return n;
    }

    /**
     * Claims up to {@code limit} due rows for this lease token: never tried first, then retries
     * whose time has come, then rows whose lease ran out; answers the claimed subscriber ids.
     */
    public List<UUID> claim(UUID clientId, UUID campaignId, String token, int limit, OffsetDateTime now, OffsetDateTime leaseUntil,
                            boolean postgres) {
        int remaining = limit;
        for (String kind : List.of("queued", "deferred", "expired")) {
            if (remaining <= 0) {
                break;
            }
            remaining -= jdbc.sql(sql.get("claim-" + kind + (postgres ? "-postgresql" : "-h2"))).param("clientId", clientId)
                    .param("campaignId", campaignId).param("token", token).param("limit", remaining).param("now", now)
                    .param("leaseUntil", leaseUntil).update();
        }
        if (remaining == limit) {
            return List.of();
        }
        return jdbc.sql(sql.get("claimed")).param("clientId", clientId).param("campaignId", campaignId).param("token", token)
                .query(UUID.class).list();
    }

    /** Fresh statistics after a large fill (PostgreSQL). */
    public void analyze() {
        jdbc.sql(sql.get("analyze")).update();
    }

    /** Moves claimed rows to their final state; only rows still held by this claim move. */
    public int settle(UUID clientId, UUID campaignId, String token, Collection<UUID> ids, String state, OffsetDateTime now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql(sql.get("settle")).param("clientId", clientId).param("campaignId", campaignId).param("token", token)
                .param("ids", SqlArrays.ofIds(ids)).param("state", state).param("now", now).update();
    }

    /** Puts some of a claim's rows back in the queue untouched. */
    public void releaseSome(UUID clientId, UUID campaignId, String token, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql(sql.get("release-some")).param("clientId", clientId).param("campaignId", campaignId).param("token", token)
                    .param("ids", SqlArrays.ofIds(ids)).update();
        }
    }

    /** Extends this claim's lease; answers how many rows it still holds. */
    public int renew(UUID clientId, UUID campaignId, String token, OffsetDateTime leaseUntil) {
        return jdbc.sql(sql.get("renew")).param("clientId", clientId).param("campaignId", campaignId).param("token", token).param("leaseUntil", leaseUntil)
                .update();
    }

    /** How often each of these claimed recipients was tried before; one query for a batch's retries. */
    public Map<UUID, Integer> attempts(UUID clientId, UUID campaignId, List<UUID> subscriberIds) {
        Map<UUID, Integer> attempts = new HashMap<>();
        for (List<UUID> chunk : SqlArrays.chunks(subscriberIds)) {
            jdbc.sql(sql.get("attempts")).param("clientId", clientId).param("campaignId", campaignId)
                    .param("ids", SqlArrays.ofIds(chunk))
                    .query(rs -> {
                        attempts.put(rs.getObject("subscriber_id", UUID.class), rs.getInt("attempts"));
                    });
        }
        return attempts;
    }

    /** A recipient the server turned away for now, with its reply and when to try again. */
    public record Deferral(UUID subscriberId, String reply, OffsetDateTime nextAttempt) {}

    /**
     * Temporary failures, as one JDBC batch (one round trip); each fails instead once its first
     * attempt is older than {@code expiredBefore}.
     */
    public void defer(UUID clientId, UUID campaignId, String token, List<Deferral> deferrals, OffsetDateTime now,
                      OffsetDateTime expiredBefore) {
        if (!deferrals.isEmpty()) {
            named.batchUpdate(sql.get("defer"), deferrals.stream().map(d -> claimed(clientId, campaignId, token, d.subscriberId())
                    .addValue("reply", clip(d.reply())).addValue("now", now).addValue("nextAttempt", d.nextAttempt())
                    .addValue("expiredBefore", expiredBefore)).toArray(MapSqlParameterSource[]::new));
        }
    }

    /** A recipient refused for good, with the server's reply. */
    public record Failure(UUID subscriberId, String reply) {}

    /** Permanent failures, as one JDBC batch. */
    public void fail(UUID clientId, UUID campaignId, String token, List<Failure> failures, OffsetDateTime now) {
        if (!failures.isEmpty()) {
            named.batchUpdate(sql.get("fail"), failures.stream().map(f -> claimed(clientId, campaignId, token, f.subscriberId())
                    .addValue("reply", clip(f.reply())).addValue("now", now)).toArray(MapSqlParameterSource[]::new));
        }
    }

    private static MapSqlParameterSource claimed(UUID clientId, UUID campaignId, String token, UUID subscriberId) {
        return new MapSqlParameterSource().addValue("clientId", clientId).addValue("campaignId", campaignId)
                .addValue("token", token).addValue("subscriberId", subscriberId);
    }

    /** Throttled recipients go back to the queue until {@code nextAttempt}. */
    public void postpone(UUID clientId, UUID campaignId, String token, Collection<UUID> ids, OffsetDateTime now, OffsetDateTime nextAttempt) {
        if (!ids.isEmpty()) {
            jdbc.sql(sql.get("postpone")).param("clientId", clientId).param("campaignId", campaignId).param("token", token).param("ids", SqlArrays.ofIds(ids))
                    .param("now", now).param("nextAttempt", nextAttempt).update();
        }
    }

    private static String clip(String reply) {
        return reply.length() > 500 ? reply.substring(0, 500) : reply;
    }

    public void release(UUID clientId, UUID campaignId, String token) {
        jdbc.sql(sql.get("release")).param("clientId", clientId).param("campaignId", campaignId).param("token", token).update();
    }

    public long open(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("open")).param("clientId", clientId).param("campaignId", campaignId).query(Long.class).single();
    }

    public void finishJob(UUID clientId, UUID campaignId, OffsetDateTime now) {
        jdbc.sql(sql.get("finish-job")).param("clientId", clientId).param("campaignId", campaignId).param("at", now).update();
    }

    public Map<String, Long> counts(UUID clientId, UUID campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql.get("counts")).param("clientId", clientId).param("campaignId", campaignId)
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }
}
