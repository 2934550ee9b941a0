package org.optline.inbound.actions;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification;
import org.optline.inbound.classify.UnsubscribeIntent;
import org.optline.inbound.replies.Reply;
import org.optline.inbound.replies.ReplyStore;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.springframework.stereotype.Component;

/**
 * Replies to campaigns: one asking to be taken off (a reply, or a mail to the List-Unsubscribe
 * mailbox) unsubscribes the subscriber once; one a person wrote is kept for the client and, when
 * the campaign has its own reply-to address, forwarded there. Auto-replies and unsubscribe
 * requests are never forwarded.
 */
@Component
class ReplyActions {

    /** The outbox kind of a forwarded reply. */
    static final String FORWARD_KIND = "reply-forward";

    private final Subscribers subscribers;
    private final Campaigns campaigns;
    private final ReplyStore replies;
    private final ActionStore store;
    private final TransactionalMail mail;
    private final TenantScope scope;
    private final Clock clock;

    ReplyActions(Subscribers subscribers, Campaigns campaigns, ReplyStore replies, ActionStore store, TransactionalMail mail,
                 TenantScope scope, Clock clock) {
        this.subscribers = subscribers;
        this.campaigns = campaigns;
        this.replies = replies;
        this.store = store;
        this.mail = mail;
        this.scope = scope;
        this.clock = clock;
    }

    InboundResult unsubscribe(StoredMail stored, Classification c, SendMatcher.Match m,
                              BiConsumer<UUID, InboundResult> mark) {
        if (onlyEchoesTheCampaignsSubject(c, m)) {
            return keep(stored, new Classification(MailKind.HUMAN_REPLY, c.recipient(), c.status(), c.diagnostic(),
                    "human reply: the subject is the campaign's own", c.returned(), c.reply(), c.feedback()), m, mark);
        }
        ConsentChannel channel = m.viaMailto() ? ConsentChannel.MAILTO : ConsentChannel.REPLY;
        String detail = (m.campaignId() == null ? "" : "campaign " + m.campaignId() + "; ") + "rule: " + c.rule();
        return scope.inClient(m.clientId(), () -> {
            boolean changed = subscribers.unsubscribeOnce(m.clientId(), m.subscriberId(),
                    new ConsentSource(channel, "inbound:" + stored.id(), null, null, null), detail).orElse(false);
            return InboundActions.marked(m.clientId(), InboundActions.result(c, m,
                    changed ? "unsubscribed" : "already unsubscribed: nothing changed"), mark);
        });
    }

    /**
     * A reply keeps the subject it answers: when the campaign's own subject speaks of
     * unsubscribing ("How to unsubscribe from paper bills"), a request read from the subject alone
     * is no request, and only the reply's words count.
     */
    private boolean onlyEchoesTheCampaignsSubject(Classification c, SendMatcher.Match m) {
        if (!UnsubscribeIntent.SUBJECT_RULE.equals(c.rule()) || m.campaignId() == null) {
            return false;
        }
        boolean campaignSays = campaigns.find(m.clientId(), m.campaignId())
                .map(campaign -> UnsubscribeIntent.inSubject(campaign.subject())).orElse(false);
        return campaignSays && !UnsubscribeIntent.inText(c.reply() == null ? null : c.reply().text());
    }

    InboundResult keep(StoredMail stored, Classification c, SendMatcher.Match m, BiConsumer<UUID, InboundResult> mark) {
        UUID clientId = m.clientId();
        Optional<Campaign> campaign = m.campaignId() == null ? Optional.empty() : campaigns.find(clientId, m.campaignId());
        String forwardTo = campaign.map(Campaign::replyTo).filter(a -> !a.isBlank()).orElse(null);
        Classification.Reply r = c.reply() == null ? new Classification.Reply(null, null, null, null) : c.reply();
        return scope.inClient(clientId, () -> {
            if (store.recorded(clientId, stored.id())) {
                return InboundActions.marked(clientId, InboundActions.result(c, m, "already processed: nothing changed"), mark);
            }
            OffsetDateTime forwardedAt = null;
            if (forwardTo != null) {
                mail.send(forward(m, campaign.get(), r, stored.receivedAt(), forwardTo));
                forwardedAt = Times.now(clock);
            }
            replies.insert(new Reply(UUID.randomUUID(), clientId, m.subscriberId(), m.campaignId(), stored.id(),
                    InboundActions.clip(r.from(), 320), InboundActions.clip(r.subject(), 1000),
                    InboundActions.clip(r.text(), 16000), stored.receivedAt(), forwardTo, forwardedAt));
            return InboundActions.marked(clientId, InboundActions.result(c, m,
                    forwardTo == null ? "kept for the client" : "kept for the client and forwarded"), mark);
        });
    }

    /** The reply as a message to the campaign's reply-to address: who wrote, about which campaign, their words. */
    private static TransactionalMail.Message forward(SendMatcher.Match m, Campaign campaign, Classification.Reply r,
                                                     OffsetDateTime receivedAt, String to) {
        String subject = r.subject() == null || r.subject().isBlank() ? "Re: " + campaign.subject() : r.subject();
        String who = m.subscriber().name() == null || m.subscriber().name().isBlank()
                ? m.subscriber().email() : m.subscriber().name() + " <" + m.subscriber().email() + ">";
        String text = "A reply to your campaign \"" + campaign.name() + "\" from " + who
                + (r.from() != null && !r.from().equalsIgnoreCase(m.subscriber().email()) ? " (written from " + r.from() + ")" : "")
                + ", received " + receivedAt + ":\n\n"
                + (r.text() == null ? "(no text)" : r.text())
                + "\n\n-- \nForwarded by Optline; the reply is also kept under Replies.\n";
        String fromName = (m.subscriber().name() == null || m.subscriber().name().isBlank()
                ? m.subscriber().email() : m.subscriber().name()) + " via Optline";
        return new TransactionalMail.Message(m.clientId(), FORWARD_KIND, fromName, to,
                InboundActions.clip("Fwd: " + subject, 900), text, null);
    }
}
