package org.optline.delivery.queue;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.campaign.SendCounts;
import org.optline.campaign.SendState;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recipients of a campaign per {@link SendState}: counted from the send queue while it is sent,
 * kept on its job once it is finished (a finished queue no longer changes).
 */
@Repository
class QueueCounts {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    QueueCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(QueueCounts.class);
    }

    /** Marks the job finished, keeping its final counts. */
    void finishJob(UUID clientId, UUID campaignId, OffsetDateTime now) {
        Map<SendState, Long> counts = countRows(clientId, campaignId);
        jdbc.sql(sql.get("finish-job")).param("clientId", clientId).param("campaignId", campaignId).param("at", now)
                .param("sent", counts.getOrDefault(SendState.SENT, 0L))
                .param("failed", counts.getOrDefault(SendState.FAILED, 0L))
                .param("suppressed", counts.getOrDefault(SendState.SUPPRESSED, 0L)).update();
    }

    /**
     * Recipients per state. Rows of a claimed batch not yet settled count as {@code sending}
     * (their stored state is still the one they wait in).
     */
    SendCounts counts(UUID clientId, UUID campaignId) {
        Optional<SendCounts> finished = jdbc.sql(sql.get("final-counts")).param("clientId", clientId)
                .param("campaignId", campaignId).query((rs, n) -> new SendCounts(Map.of(
                        SendState.SENT, rs.getLong("final_sent"),
                        SendState.FAILED, rs.getLong("final_failed"),
                        SendState.SUPPRESSED, rs.getLong("final_suppressed")))).optional();
        if (finished.isPresent()) {
            return finished.get();
        }
        Map<SendState, Long> counts = countRows(clientId, campaignId);
        long inRanges = jdbc.sql(sql.get("in-flight-ranges")).param("clientId", clientId).param("campaignId", campaignId)
                .query(Long.class).single();
        moveToSending(counts, SendState.QUEUED, inRanges);
        jdbc.sql(sql.get("in-flight-retries")).param("clientId", clientId).param("campaignId", campaignId)
                .query(rs -> {
                    moveToSending(counts, SendState.fromWire(rs.getString("state")), rs.getLong("n"));
                });
        return new SendCounts(counts); // leaves out counts below zero: a settle between the queries
    }

    private Map<SendState, Long> countRows(UUID clientId, UUID campaignId) {
        Map<SendState, Long> counts = new EnumMap<>(SendState.class);
        jdbc.sql(sql.get("counts")).param("clientId", clientId).param("campaignId", campaignId)
                .query(rs -> {
                    counts.put(SendState.fromWire(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    private static void moveToSending(Map<SendState, Long> counts, SendState state, long n) {
        if (n > 0) {
            counts.merge(state, -n, Long::sum);
            counts.merge(SendState.SENDING, n, Long::sum);
        }
    }
}
