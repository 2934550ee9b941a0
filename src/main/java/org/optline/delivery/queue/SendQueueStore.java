package org.optline.delivery.queue;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.campaign.SendState;
import org.optline.audience.RecipientSelection;
import org.optline.platform.NamedSql;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for send jobs and the send queue, a state machine per (campaign, subscriber). Fresh rows are
 * claimed by range (a cursor on the job, a row in {@code send_claims}), so a recipient's row is
 * written once, when it settles; retries are claimed row by row (V12__send_claims.sql).
 */
@Repository
public class SendQueueStore {

    private static final Logger log = LoggerFactory.getLogger(SendQueueStore.class);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedSql sql;
    private final boolean postgres;

    public SendQueueStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, TenantScope scope) {
        this.jdbc = jdbc;
        this.named = named;
        this.sql = NamedSql.forClass(SendQueueStore.class);
        this.postgres = scope.isPostgres();
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
    public long materialize(UUID clientId, UUID campaignId, RecipientSelection recipients, OffsetDateTime now) {
        jdbc.sql(sql.get("insert-job")).param("clientId", clientId).param("campaignId", campaignId).param("at", now).update();
        long n = jdbc.sql(recipients.sqlInIdOrder(sql.get("fill-queue")))
                .params(recipients.params(Map.of("queueCampaign", campaignId, "queueNow", now))).update();
        jdbc.sql(sql.get("set-recipients")).param("clientId", clientId).param("campaignId", campaignId).param("recipients", n).update();
        return n;
    }

    /**
     * A lane's batch: its lease token, whether it holds a range of fresh rows (one {@code
     * send_claims} row) or retries (each row carries the token), and the subscribers to send to.
     */
    public record Claim(String token, boolean range, List<UUID> ids) {
        public boolean isEmpty() {
            return ids.isEmpty();
        }

        static Claim none(String token) {
            return new Claim(token, false, List.of());
        }
    }

    /**
     * Claims a batch of up to {@code limit} due rows for this lease token, the first kind that has
     * any: deferred retries whose time has come (a greylisted recipient is tried again within
     * minutes, not after the rest of a long campaign); the next range of fresh rows past the job's
     * cursor; throttled rows whose wait is over (after the fresh ones, so that a provider's rate
     * limit holds nobody else up); a range whose lease ran out or that was handed back.
     */
    public Claim claim(UUID clientId, UUID campaignId, String token, int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        List<UUID> deferred = claimRetries(clientId, campaignId, token, "deferred", limit, now, leaseUntil);
        if (!deferred.isEmpty()) {
            return new Claim(token, false, deferred);
        }
        List<UUID> fresh = claimFresh(clientId, campaignId, token, limit, leaseUntil);
        if (!fresh.isEmpty()) {
            return new Claim(token, true, fresh);
        }
        List<UUID> throttled = claimRetries(clientId, campaignId, token, "queued", limit, now, leaseUntil);
        if (!throttled.isEmpty()) {
            return new Claim(token, false, throttled);
        }
        return claimLapsed(clientId, campaignId, token, limit, now, leaseUntil);
    }

    private List<UUID> claimRetries(UUID clientId, UUID campaignId, String token, String state, int limit, OffsetDateTime now,
                                    OffsetDateTime leaseUntil) {
        int claimed = jdbc.sql(sql.get(postgres ? "claim-retries-postgresql" : "claim-retries-h2")).param("clientId", clientId)
                .param("campaignId", campaignId).param("token", token).param("state", state).param("limit", limit).param("now", now)
                .param("leaseUntil", leaseUntil).update();
        if (claimed == 0) {
            return List.of();
        }
        return jdbc.sql(sql.get("retries-claimed")).param("clientId", clientId).param("campaignId", campaignId).param("token", token)
                .query(UUID.class).list();
    }

    private List<UUID> claimFresh(UUID clientId, UUID campaignId, String token, int limit, OffsetDateTime leaseUntil) {
        // Optional.empty(): every fresh row is handed out. A row with a null cursor: none is yet.
        Optional<Optional<UUID>> cursor = jdbc.sql(sql.get("cursor")).param("clientId", clientId).param("campaignId", campaignId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("fresh_after", UUID.class))).optional();
        if (cursor.isEmpty()) {
            return List.of();
        }
        UUID after = cursor.get().orElse(null);
        List<UUID> ids = queuedRows(clientId, campaignId, after, null, limit);
        if (ids.isEmpty()) {
            jdbc.sql(sql.get("fresh-done")).param("clientId", clientId).param("campaignId", campaignId).update();
            return ids;
        }
        UUID last = ids.get(ids.size() - 1);
        jdbc.sql(sql.get("move-cursor")).param("clientId", clientId).param("campaignId", campaignId).param("last", last).update();
        insertClaim(clientId, campaignId, token, after, last, leaseUntil);
        return ids;
    }

    /** A claimed range {@code (after, last]}; with no lease, any lane may take it. */
    private void insertClaim(UUID clientId, UUID campaignId, String token, UUID after, UUID last, OffsetDateTime leaseUntil) {
        jdbc.sql(sql.get("insert-claim")).param("token", token).param("clientId", clientId).param("campaignId", campaignId)
                .param("after", after).param("last", last).param("leaseUntil", leaseUntil).update();
    }

    private record Range(String token, UUID after, UUID last) {}

    private static final RowMapper<Range> RANGE = (rs, n) -> new Range(rs.getString("token"),
            rs.getObject("after_id", UUID.class), rs.getObject("last_id", UUID.class));

    /**
     * Takes over a range nobody holds any more; a range with nothing left to send is dropped. A
     * range larger than this lane's batch (made by a lane with a larger one) is split: the lease
     * this lane was given must cover what it sends.
     */
    private Claim claimLapsed(UUID clientId, UUID campaignId, String token, int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        while (true) {
            Optional<Range> lapsed = jdbc.sql(sql.get(postgres ? "lapsed-claim-postgresql" : "lapsed-claim-h2"))
                    .param("clientId", clientId).param("campaignId", campaignId).param("now", now)
                    .query(RANGE).optional();
            if (lapsed.isEmpty()) {
                return Claim.none(token);
            }
            Range range = lapsed.get();
            List<UUID> ids = queuedRows(clientId, campaignId, range.after(), range.last(), limit + 1);
            boolean split = ids.size() > limit;
            if (split) {
                ids = List.copyOf(ids.subList(0, limit));
            }
            UUID last = split ? ids.get(limit - 1) : range.last();
            int taken = jdbc.sql(sql.get("take-claim")).param("clientId", clientId).param("campaignId", campaignId).param("token", token)
                    .param("old", range.token()).param("leaseUntil", leaseUntil).param("last", last).update();
            if (taken == 0) {
                return Claim.none(token); // changed hands meanwhile (it was locked for this, so it should not)
            }
            if (split) {
                insertClaim(clientId, campaignId, UUID.randomUUID().toString(), last, range.last(), null);
            }
            if (!ids.isEmpty()) {
                return new Claim(token, true, ids);
            }
            jdbc.sql(sql.get("drop-claim")).param("clientId", clientId).param("campaignId", campaignId).param("token", token).update();
        }
    }

    /**
     * Up to {@code limit} rows still queued after {@code after} (from the first, if null) up to
     * {@code last} (to the end, if null), in subscriber order. One statement per combination, so
     * that each bound is an index bound.
     */
    private List<UUID> queuedRows(UUID clientId, UUID campaignId, UUID after, UUID last, int limit) {
        String query = last == null ? sql.get(after == null ? "fresh-first" : "fresh-next")
                : sql.get(after == null ? "range-rows-first" : "range-rows-next");
        var rows = jdbc.sql(query).param("clientId", clientId).param("campaignId", campaignId).param("limit", limit);
        if (after != null) {
            rows = rows.param("after", after);
        }
        return (last == null ? rows : rows.param("last", last)).query(UUID.class).list();
    }

    /**
     * Fresh statistics after a fill of {@code filled} rows, when it was large enough to mislead the
     * planner (PostgreSQL; H2 keeps none that would).
     */
    public void analyzeAfterFill(long filled) {
        if (postgres && filled > 10_000) {
            jdbc.sql(sql.get("analyze")).update();
        }
    }

    /** A recipient the server turned away for now, with its reply and when to try again. */
    public record Deferral(UUID subscriberId, String reply, OffsetDateTime nextAttempt) {}

    /** A recipient refused for good, with the server's reply. */
    public record Failure(UUID subscriberId, String reply) {}

    /**
     * What became of a claimed batch. {@code postponed}: throttled, to wait until {@code
     * postponedUntil} with no attempt counted; {@code handBack}: some recipients were never offered
     * to the server (the campaign stopped), so the claim goes back for any lane to take.
     */
    public record Settlement(List<UUID> sent, List<UUID> suppressed, List<Deferral> deferrals, List<Failure> failures,
                             List<UUID> postponed, OffsetDateTime postponedUntil, boolean handBack) {}

    /**
     * Writes a batch's outcome, in the caller's transaction: each recipient's final state, or its
     * wait for a retry; then the claim ends, or goes back if anyone in it is left. A deferral fails
     * instead once the first attempt is older than {@code expiredBefore}. Answers false, writing
     * nothing, if the claim is no longer this lane's (its lease ran out and another lane took it).
     */
    public boolean settle(UUID clientId, UUID campaignId, Claim claim, Settlement outcome, OffsetDateTime now,
                          OffsetDateTime expiredBefore) {
        Optional<Range> range = Optional.empty();
        if (claim.range()) {
            range = jdbc.sql(sql.get("hold")).param("clientId", clientId).param("campaignId", campaignId)
                    .param("token", claim.token()).query(RANGE).optional();
            if (range.isEmpty()) {
                return false;
            }
        } else if (jdbc.sql(sql.get("held-retries")).param("clientId", clientId).param("campaignId", campaignId)
                .param("token", claim.token()).query(Long.class).single() == 0) {
            return false;
        }
        mark(clientId, campaignId, claim, outcome.sent(), SendState.SENT, now);
        mark(clientId, campaignId, claim, outcome.suppressed(), SendState.SUPPRESSED, now);
        if (!outcome.deferrals().isEmpty()) {
            named.batchUpdate(sql.get("defer"), outcome.deferrals().stream().map(d -> claimed(clientId, campaignId, claim, d.subscriberId())
                    .addValue("reply", clip(d.reply())).addValue("now", now).addValue("nextAttempt", d.nextAttempt())
                    .addValue("expiredBefore", expiredBefore)).toArray(MapSqlParameterSource[]::new));
        }
        if (!outcome.failures().isEmpty()) {
            named.batchUpdate(sql.get("fail"), outcome.failures().stream().map(f -> claimed(clientId, campaignId, claim, f.subscriberId())
                    .addValue("reply", clip(f.reply())).addValue("now", now)).toArray(MapSqlParameterSource[]::new));
        }
        if (!outcome.postponed().isEmpty()) {
            jdbc.sql(sql.get("postpone")).param("clientId", clientId).param("campaignId", campaignId).param("range", claim.range())
                    .param("token", claim.token()).param("ids", SqlArrays.ofIds(outcome.postponed())).param("now", now)
                    .param("nextAttempt", outcome.postponedUntil()).update();
        }
        if (outcome.handBack()) {
            release(clientId, campaignId, claim);
        } else if (range.isPresent()) {
            endRange(clientId, campaignId, claim, range.get());
        }
        return true;
    }

    private void mark(UUID clientId, UUID campaignId, Claim claim, List<UUID> ids, SendState state, OffsetDateTime now) {
        if (!SendState.SENDING.canMoveTo(state)) {
            throw new IllegalArgumentException("A claimed recipient cannot become " + state);
        }
        for (List<UUID> chunk : SqlArrays.chunks(ids)) {
            jdbc.sql(sql.get("settle")).param("clientId", clientId).param("campaignId", campaignId).param("range", claim.range())
                    .param("token", claim.token()).param("ids", SqlArrays.ofIds(chunk)).param("state", state.wireName())
                    .param("now", now).update();
        }
    }

    /**
     * Ends a settled range. Should a row of it have been left out of the settlement, the range is
     * handed back instead, so that nobody is skipped.
     */
    private void endRange(UUID clientId, UUID campaignId, Claim claim, Range range) {
        if (queuedRows(clientId, campaignId, range.after(), range.last(), 1).isEmpty()) {
            jdbc.sql(sql.get("drop-claim")).param("clientId", clientId).param("campaignId", campaignId).param("token", claim.token()).update();
        } else {
            log.warn("A settled batch of campaign {} left recipients unsettled; handing them back", campaignId);
            release(clientId, campaignId, claim);
        }
    }

    private static MapSqlParameterSource claimed(UUID clientId, UUID campaignId, Claim claim, UUID subscriberId) {
        return new MapSqlParameterSource().addValue("clientId", clientId).addValue("campaignId", campaignId)
                .addValue("range", claim.range()).addValue("token", claim.token()).addValue("subscriberId", subscriberId);
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

    /** Extends this claim's lease; answers false if it is no longer wholly this lane's. */
    public boolean renew(UUID clientId, UUID campaignId, Claim claim, OffsetDateTime leaseUntil) {
        int rows = jdbc.sql(sql.get(claim.range() ? "renew-claim" : "renew-retries")).param("clientId", clientId)
                .param("campaignId", campaignId).param("token", claim.token()).param("leaseUntil", leaseUntil).update();
        return claim.range() ? rows == 1 : rows == claim.ids().size();
    }

    /** Gives back what this claim still holds, for any lane to take at once. */
    public void release(UUID clientId, UUID campaignId, Claim claim) {
        jdbc.sql(sql.get(claim.range() ? "hand-back-claim" : "release-retries")).param("clientId", clientId)
                .param("campaignId", campaignId).param("token", claim.token()).update();
    }

    private static String clip(String reply) {
        return reply.length() > 500 ? reply.substring(0, 500) : reply;
    }

    public long open(UUID clientId, UUID campaignId) {
        return jdbc.sql(sql.get("open")).param("clientId", clientId).param("campaignId", campaignId).query(Long.class).single();
    }

    /** A subscriber's place in a campaign's send queue: the state it reached and the last server reply. */
    public record QueueEntry(UUID campaignId, String state, int attempts, OffsetDateTime firstAttemptAt,
                             String lastReply, OffsetDateTime updatedAt) {}

    /** A subscriber's queue entries in every campaign of the client, newest first (a legal disclosure). */
    public List<QueueEntry> ofSubscriber(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("of-subscriber")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit)
                .query((rs, n) -> new QueueEntry(rs.getObject("campaign_id", UUID.class), rs.getString("state"),
                        rs.getInt("attempts"), rs.getObject("first_attempt_at", OffsetDateTime.class),
                        rs.getString("last_reply"), rs.getObject("updated_at", OffsetDateTime.class))).list();
    }
}
