package org.optline.inbound;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A recipient marked a message as unwanted (an ARF feedback report from a mailbox provider's
 * feedback loop), or said so in a reply ("this is spam", "I never signed up"), published inside
 * the transaction that records the complaint and the unsubscribe and suppression that follow it.
 *
 * @param campaignId   the campaign complained about, null when only the subscriber is known
 * @param feedbackType the report's Feedback-Type (abuse, fraud, virus, other)
 * @param userAgent    the reporting system's User-Agent field, or null
 * @param report       the evidence inbound keeps of the report: its fields, the returned message's headers and
 *                     how it was matched to the send (never the original body; for a reply, the reply's own
 *                     words); null when not known
 * @param byReply      the person complained in a reply to the campaign, not through a feedback loop
 */
public record ComplaintReceived(UUID clientId, UUID campaignId, UUID subscriberId, String email, String feedbackType,
                                String userAgent, OffsetDateTime at, String report, boolean byReply) {

    /** A feedback-loop complaint with the report's text. */
    public ComplaintReceived(UUID clientId, UUID campaignId, UUID subscriberId, String email, String feedbackType,
                             String userAgent, OffsetDateTime at, String report) {
        this(clientId, campaignId, subscriberId, email, feedbackType, userAgent, at, report, false);
    }

    /** A feedback-loop complaint announced without the report's text. */
    public ComplaintReceived(UUID clientId, UUID campaignId, UUID subscriberId, String email, String feedbackType,
                             String userAgent, OffsetDateTime at) {
        this(clientId, campaignId, subscriberId, email, feedbackType, userAgent, at, null, false);
    }
}
