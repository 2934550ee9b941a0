package org.optline.inbound.actions;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.optline.audience.EmailAddress;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification;
import org.optline.platform.TenantScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Bounces that came back after the send (STANDARDS 19-22). A hard bounce marks the subscriber
 * bounced and suppresses the address for the client, and platform-wide when the send left through
 * the platform's own transport (its bounce token says so, Verp), at once, unless the
 * refusal blames the sender (a 5.7.x authentication or policy status): then the bounce is
 * recorded and the recipient left alone. A soft bounce is recorded; the client's
 * {@link BouncePolicy} suppresses the address (for that client only) at the Nth within M days.
 */
@Component
class BounceActions {

    /**
     * Statuses that refuse the sender, not the address: SPF, DKIM, DMARC and reverse-DNS failures
     * (RFC 7372) and Microsoft's authentication and DMARC refusals.
     */
    private static final Set<String> SENDER_BLAMED = Set.of("5.7.23", "5.7.24", "5.7.25", "5.7.26", "5.7.27",
            "5.7.28", "5.7.509", "5.7.515");

    private final Subscribers subscribers;
    private final Suppressions suppressions;
    private final ActionStore store;
    private final BouncePolicies policies;
    private final TenantScope scope;
    private final ApplicationEventPublisher events;

    BounceActions(Subscribers subscribers, Suppressions suppressions, ActionStore store, BouncePolicies policies,
                  TenantScope scope, ApplicationEventPublisher events) {
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.store = store;
        this.policies = policies;
        this.scope = scope;
        this.events = events;
    }

    /** Whether the classifier's rule or the status says the refusal is about the sender (STANDARDS 22). */
    static boolean senderBlamed(Classification c) {
        return (c.rule() != null && c.rule().toLowerCase(Locale.ROOT).contains("sender-blamed"))
                || (c.status() != null && SENDER_BLAMED.contains(c.status().strip()));
    }

    InboundResult apply(StoredMail mail, Classification c, SendMatcher.Match m, BiConsumer<UUID, InboundResult> mark) {
        UUID clientId = m.clientId();
        boolean hard = c.kind() == MailKind.HARD_BOUNCE;
        boolean blamed = hard && senderBlamed(c);
        String email = m.subscriber().email();
        if (hard && !blamed && m.platformSend()) {
            // Its own platform transaction, before the client's; inserting it twice is a no-op.
            // Only a send through the platform's own transport: a client sees the bounce addresses
            // of what its own relay carries and could forge a bounce to suppress anyone for all.
            suppressions.suppressPlatformWide(EmailAddress.of("email", email), SuppressionReason.BOUNCED,
                    InboundActions.clip("hard bounce: " + c.status(), 200));
        }
        return scope.inClient(clientId, () -> {
            if (store.recorded(clientId, mail.id())) {
                return InboundActions.marked(clientId, InboundActions.result(c, m, "already processed: nothing changed"), mark);
            }
            // Milliseconds: what every store keeps exactly, so the window's end finds this very row.
            OffsetDateTime at = mail.receivedAt().truncatedTo(ChronoUnit.MILLIS);
            UUID bounceId = UUID.randomUUID();
            boolean suppressed = hard && !blamed;
            if (suppressed) {
                subscribers.bounced(clientId, m.subscriberId());
            }
            store.insert(new ActionStore.Bounce(bounceId, clientId, m.subscriberId(), m.campaignId(), mail.id(), hard,
                    blamed, suppressed, InboundActions.clip(c.status(), 20), InboundActions.clip(c.diagnostic(), 1000), at));
            String action;
            if (hard) {
                action = blamed ? "recorded: the refusal blames the sender; recipient not suppressed" : "suppressed";
            } else {
                BouncePolicy policy = policies.of(clientId);
                long recent = store.softBounces(clientId, m.subscriberId(), at.minusDays(policy.softBounceDays()), at);
                boolean active = subscribers.find(clientId, m.subscriberId())
                        .filter(s -> s.status() == SubscriberStatus.ACTIVE).isPresent();
                if (recent >= policy.softBounceLimit() && active) {
                    subscribers.bounced(clientId, m.subscriberId());
                    store.markSuppressed(clientId, bounceId);
                    suppressed = true;
                    action = "suppressed: " + recent + " soft bounces within " + policy.softBounceDays() + " days";
                } else {
                    action = "recorded: soft bounce " + recent + " of " + policy.softBounceLimit() + " within "
                            + policy.softBounceDays() + " days";
                }
            }
            events.publishEvent(new BounceReceived(clientId, m.campaignId(), m.subscriberId(), email, hard, c.status(),
                    c.diagnostic(), suppressed, at));
            return InboundActions.marked(clientId, InboundActions.result(c, m, action), mark);
        });
    }
}
