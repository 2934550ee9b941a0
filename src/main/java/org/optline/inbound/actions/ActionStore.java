package org.optline.inbound.actions;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for what inbound mail records for a client: bounces, complaints, and the soft-bounce policy. */
@Repository
public class ActionStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(ActionStore.class);

    public ActionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One bounce matched to a send. */
    public record Bounce(UUID id, UUID clientId, UUID subscriberId, UUID campaignId, UUID inboundMessageId, boolean hard,
                         boolean senderBlamed, boolean suppressed, String status, String diagnostic,
                         OffsetDateTime receivedAt) {}

    /** One complaint matched to a send; {@code report} is the report's fields and the returned headers. */
    public record Complaint(UUID id, UUID clientId, UUID subscriberId, UUID campaignId, UUID inboundMessageId,
                            String feedbackType, String userAgent, String report, OffsetDateTime receivedAt) {}

    /** One reply kept for the client, as a subscriber's record shows it. */
    public record KeptReply(UUID id, UUID campaignId, String fromAddress, String subject, String textBody,
                            OffsetDateTime receivedAt, String forwardedTo, OffsetDateTime forwardedAt) {}

    /** A subscriber's bounces, newest first, at most {@code limit}. */
    public List<Bounce> bouncesOf(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("bounces-of")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit)
                .query((rs, n) -> new Bounce(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                        rs.getObject("subscriber_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                        rs.getObject("inbound_message_id", UUID.class), rs.getBoolean("hard"), rs.getBoolean("sender_blamed"),
                        rs.getBoolean("suppressed"), rs.getString("status"), rs.getString("diagnostic"),
                        rs.getObject("received_at", OffsetDateTime.class))).list();
    }

    /** A subscriber's complaints, newest first, at most {@code limit}. */
    public List<Complaint> complaintsOf(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("complaints-of")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit)
                .query((rs, n) -> new Complaint(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                        rs.getObject("subscriber_id", UUID.class), rs.getObject("campaign_id", UUID.class),
                        rs.getObject("inbound_message_id", UUID.class), rs.getString("feedback_type"),
                        rs.getString("user_agent"), rs.getString("report"),
                        rs.getObject("received_at", OffsetDateTime.class))).list();
    }

    /** A subscriber's kept replies, newest first, at most {@code limit}. */
    public List<KeptReply> repliesOf(UUID clientId, UUID subscriberId, int limit) {
        return jdbc.sql(sql.get("replies-of")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("limit", limit)
                .query((rs, n) -> new KeptReply(rs.getObject("id", UUID.class), rs.getObject("campaign_id", UUID.class),
                        rs.getString("from_address"), rs.getString("subject"), rs.getString("text_body"),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("forwarded_to"),
                        rs.getObject("forwarded_at", OffsetDateTime.class))).list();
    }

    public void insert(Bounce b) {
        jdbc.sql(sql.get("insert-bounce")).param("id", b.id()).param("clientId", b.clientId())
                .param("subscriberId", b.subscriberId()).param("campaignId", b.campaignId())
                .param("inboundMessageId", b.inboundMessageId()).param("hard", b.hard())
                .param("senderBlamed", b.senderBlamed()).param("suppressed", b.suppressed()).param("status", b.status())
                .param("diagnostic", b.diagnostic()).param("receivedAt", b.receivedAt()).update();
    }

    public void markSuppressed(UUID clientId, UUID bounceId) {
        jdbc.sql(sql.get("mark-bounce-suppressed")).param("clientId", clientId).param("id", bounceId).update();
    }

    /** A subscriber's soft bounces received after {@code since} up to {@code until}. */
    public long softBounces(UUID clientId, UUID subscriberId, OffsetDateTime since, OffsetDateTime until) {
        return jdbc.sql(sql.get("soft-bounces-since")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("since", since).param("until", until).query(Long.class).single();
    }

    public void insert(Complaint c) {
        jdbc.sql(sql.get("insert-complaint")).param("id", c.id()).param("clientId", c.clientId())
                .param("subscriberId", c.subscriberId()).param("campaignId", c.campaignId())
                .param("inboundMessageId", c.inboundMessageId()).param("feedbackType", c.feedbackType())
                .param("userAgent", c.userAgent()).param("report", c.report()).param("receivedAt", c.receivedAt()).update();
    }

    /** Whether this inbound message already left a bounce, complaint or reply for the client. */
    public boolean recorded(UUID clientId, UUID inboundMessageId) {
        return jdbc.sql(sql.get("recorded")).param("clientId", clientId).param("inboundMessageId", inboundMessageId)
                .query(Long.class).single() > 0;
    }

    public Optional<BouncePolicy> policy(UUID clientId) {
        return jdbc.sql(sql.get("find-policy")).param("clientId", clientId)
                .query((rs, n) -> new BouncePolicy(rs.getInt("soft_bounce_limit"), rs.getInt("soft_bounce_days"))).optional();
    }

    public void savePolicy(UUID clientId, BouncePolicy policy, OffsetDateTime at) {
        if (jdbc.sql(sql.get("update-policy")).param("clientId", clientId).param("limit", policy.softBounceLimit())
                .param("days", policy.softBounceDays()).param("at", at).update() == 0) {
            jdbc.sql(sql.get("insert-policy")).param("clientId", clientId).param("limit", policy.softBounceLimit())
                    .param("days", policy.softBounceDays()).param("at", at).update();
        }
    }

    /**
     * Deletes what inbound mail recorded about an erased subscriber (replies, complaint reports,
     * bounces) and empties the stored raw messages those came from.
     */
    public void forget(UUID clientId, UUID subscriberId) {
        jdbc.sql(sql.get("redact-stored-mail")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("nothing", new byte[0]).update();
        jdbc.sql(sql.get("forget-replies")).param("clientId", clientId).param("subscriberId", subscriberId).update();
        jdbc.sql(sql.get("forget-complaints")).param("clientId", clientId).param("subscriberId", subscriberId).update();
        jdbc.sql(sql.get("forget-bounces")).param("clientId", clientId).param("subscriberId", subscriberId).update();
    }
}
