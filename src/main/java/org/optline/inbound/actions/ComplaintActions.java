package org.optline.inbound.actions;

import java.util.UUID;
import java.util.function.BiConsumer;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.inbound.ComplaintReceived;
import org.optline.inbound.InboundResult;
import org.optline.inbound.classify.Classification;
import org.optline.platform.TenantScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Complaints, from a feedback loop (STANDARDS 23, 25) or in a reply: the address goes on the platform-wide list, the
 * subscriber is unsubscribed, marked complained and suppressed for the client with a ledger line,
 * and the complaint is kept for the abuse desk with the report's fields and the returned headers
 * (never the original body). Every report is kept and announced, also a second one about the
 * same person; the person's state changes once.
 */
@Component
class ComplaintActions {

    private final Subscribers subscribers;
    private final Suppressions suppressions;
    private final ActionStore store;
    private final TenantScope scope;
    private final ApplicationEventPublisher events;

    ComplaintActions(Subscribers subscribers, Suppressions suppressions, ActionStore store, TenantScope scope,
                     ApplicationEventPublisher events) {
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.store = store;
        this.scope = scope;
        this.events = events;
    }

    InboundResult apply(StoredMail mail, Classification c, SendMatcher.Match m, BiConsumer<UUID, InboundResult> mark) {
        UUID clientId = m.clientId();
        String email = m.subscriber().email();
        Classification.Feedback f = c.feedback();
        // A complaint in a reply has no report part: the person's words are the report, and it is abuse.
        boolean byReply = f == null && c.reply() != null;
        String feedbackType = f != null && f.feedbackType() != null ? f.feedbackType() : byReply ? "abuse" : c.status();
        String userAgent = f == null ? null : f.userAgent();
        suppressions.suppressPlatformWide(EmailAddress.of("email", email), SuppressionReason.COMPLAINED,
                InboundActions.clip((byReply ? "complaint in a reply: " : "complaint: ") + (feedbackType == null ? "abuse" : feedbackType), 200));
        return scope.inClient(clientId, () -> {
            if (store.recorded(clientId, mail.id())) {
                return InboundActions.marked(clientId, InboundActions.result(c, m, "already processed: nothing changed"), mark);
            }
            boolean changed = subscribers.complained(clientId, m.subscriberId(),
                    new ConsentSource(ConsentChannel.COMPLAINT, m.campaignId() == null ? null : "campaign:" + m.campaignId(),
                            f == null ? null : InboundActions.clip(f.sourceIp(), 64), InboundActions.clip(userAgent, 500), null),
                    byReply ? "complaint in a reply" : "feedback report (" + (feedbackType == null ? "abuse" : feedbackType) + ")"
                            + (userAgent == null ? "" : " from " + userAgent)).isPresent();
            String report = report(c, m);
            store.insert(new ActionStore.Complaint(UUID.randomUUID(), clientId, m.subscriberId(), m.campaignId(), mail.id(),
                    InboundActions.clip(feedbackType, 40), InboundActions.clip(userAgent, 500), report, mail.receivedAt()));
            events.publishEvent(new ComplaintReceived(clientId, m.campaignId(), m.subscriberId(), email, feedbackType,
                    userAgent, mail.receivedAt(), report, byReply));
            return InboundActions.marked(clientId, InboundActions.result(c, m,
                    changed ? "unsubscribed and suppressed" : "recorded: already marked complained"), mark);
        });
    }

    /** The evidence for the abuse desk: the report's fields, the returned headers, and how it was matched. */
    static String report(Classification c, SendMatcher.Match m) {
        StringBuilder r = new StringBuilder();
        Classification.Feedback f = c.feedback();
        if (f != null) {
            line(r, "Feedback-Type", f.feedbackType());
            line(r, "User-Agent", f.userAgent());
            line(r, "Version", f.version());
            line(r, "Original-Rcpt-To", f.originalRcptTo());
            line(r, "Original-Mail-From", f.originalMailFrom());
            line(r, "Arrival-Date", f.arrivalDate());
            line(r, "Source-IP", f.sourceIp());
        }
        Classification.Returned h = c.returned();
        if (h != null) {
            line(r, "Message-ID", h.messageId());
            line(r, "Return-Path", h.returnPath());
            line(r, "To", h.to());
            line(r, "List-Unsubscribe", h.listUnsubscribe());
            line(r, "Feedback-ID", h.feedbackId());
        }
        line(r, "Matched-By", m.via());
        Classification.Reply reply = c.reply();
        if (f == null && reply != null) {
            line(r, "Reply-From", reply.from());
            line(r, "Subject", reply.subject());
            r.append('\n').append(reply.text() == null ? "" : reply.text().strip()).append('\n');
        }
        return InboundActions.clip(r.toString(), 8000);
    }

    private static void line(StringBuilder r, String name, String value) {
        if (value != null && !value.isBlank()) {
            r.append(name).append(": ").append(value.replaceAll("[\\r\\n]+", " ").strip()).append('\n');
        }
    }
}
