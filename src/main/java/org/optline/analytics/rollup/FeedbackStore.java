package org.optline.analytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes bounces and complaints reported by mail into the per-recipient, per-campaign and per-day
 * rollups. Each method answers whether the report was new for that recipient and campaign, so a
 * report that comes twice counts once.
 */
@Repository
class FeedbackStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    FeedbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(FeedbackStore.class);
    }

    /** A hard bounce by DSN; counts when the recipient had not bounced for good, moving a soft bounce to hard. */
    boolean hardBounced(UUID clientId, UUID campaignId, UUID subscriberId, String status, OffsetDateTime at) {
        ensure(clientId, campaignId, subscriberId);
        if (recipient(sql.get("hard-bounced"), clientId, campaignId, subscriberId).param("at", at).param("status", status)
                .update() == 0) {
            return false;
        }
        long wasSoft = recipient(sql.get("was-soft-bounced"), clientId, campaignId, subscriberId).query(Long.class).single();
        jdbc.sql(sql.get("add-hard-bounce-to-campaign")).param("clientId", clientId).param("campaignId", campaignId)
                .param("wasSoft", wasSoft).update();
        return true;
    }

    /** A soft bounce; counts for the recipient's first one, unless they bounced for good. */
    boolean softBounced(UUID clientId, UUID campaignId, UUID subscriberId, String status, OffsetDateTime at) {
        ensure(clientId, campaignId, subscriberId);
        if (recipient(sql.get("soft-bounced"), clientId, campaignId, subscriberId).param("at", at).param("status", status)
                .update() == 0) {
            return false;
        }
        jdbc.sql(sql.get("add-soft-bounce-to-campaign")).param("clientId", clientId).param("campaignId", campaignId).update();
        return true;
    }

    /** A complaint; counts for the recipient's first one about the campaign. */
    boolean complained(UUID clientId, UUID campaignId, UUID subscriberId, String feedbackType, OffsetDateTime at) {
        ensure(clientId, campaignId, subscriberId);
        if (recipient(sql.get("complained"), clientId, campaignId, subscriberId).param("at", at).param("feedbackType", feedbackType)
                .update() == 0) {
            return false;
        }
        jdbc.sql(sql.get("add-complaint-to-campaign")).param("clientId", clientId).param("campaignId", campaignId).update();
        return true;
    }

    void addToDay(UUID clientId, LocalDate day, int hard, int soft, int complaints) {
        jdbc.sql(sql.get("ensure-day")).param("clientId", clientId).param("day", day).update();
        jdbc.sql(sql.get("add-to-day")).param("clientId", clientId).param("day", day).param("hard", hard).param("soft", soft)
                .param("complaints", complaints).update();
    }

    private void ensure(UUID clientId, UUID campaignId, UUID subscriberId) {
        recipient(sql.get("ensure-recipient"), clientId, campaignId, subscriberId).update();
        jdbc.sql(sql.get("ensure-campaign")).param("clientId", clientId).param("campaignId", campaignId).update();
    }

    private JdbcClient.StatementSpec recipient(String statement, UUID clientId, UUID campaignId, UUID subscriberId) {
        return jdbc.sql(statement).param("clientId", clientId).param("campaignId", campaignId).param("subscriberId", subscriberId);
    }
}
