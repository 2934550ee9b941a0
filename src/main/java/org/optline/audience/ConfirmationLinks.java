package org.optline.audience;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.lists.ListStore;
import org.optline.audience.subscribers.ConfirmationStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The mailed confirmation links of {@link SubscriptionForms} and the preference centre, followed:
 * what the page shows before the button is pressed, and the confirmation itself.
 */
@Component
class ConfirmationLinks {

    private final SubscriberTokens tokens;
    private final ConfirmationStore confirmations;
    private final ListStore lists;
    private final SubscriberStore subscribers;
    private final MembershipStore memberships;
    private final SuppressionStore suppressions;
    private final ConsentStore consent;
    private final Clients clients;
    private final TenantScope scope;
    private final Clock clock;
    private final ApplicationEventPublisher published;
    private final ParentLocks parents;

    ConfirmationLinks(SubscriberTokens tokens, ConfirmationStore confirmations, ListStore lists, SubscriberStore subscribers,
                      MembershipStore memberships, SuppressionStore suppressions, ConsentStore consent, Clients clients,
                      TenantScope scope, Clock clock, ApplicationEventPublisher published, ParentLocks parents) {
        this.parents = parents;
        this.published = published;
        this.tokens = tokens;
        this.confirmations = confirmations;
        this.lists = lists;
        this.subscribers = subscribers;
        this.memberships = memberships;
        this.suppressions = suppressions;
        this.consent = consent;
        this.clients = clients;
        this.scope = scope;
        this.clock = clock;
    }

    Optional<SubscriptionForms.Pending> pending(String token) {
        return tokens.readConfirmation(token).flatMap(c -> scope.inClient(c.clientId(), () -> {
            List<ConfirmationStore.Open> open = confirmations.find(c.clientId(), c.id(), cutoff());
            if (open.isEmpty()) {
                return Optional.<SubscriptionForms.Pending>empty();
            }
            String listNames = String.join(", ", open.stream()
                    .map(o -> lists.find(c.clientId(), o.listId()).map(MailingList::name).orElse("")).toList());
            return subscribers.find(c.clientId(), open.get(0).subscriberId()).map(row -> new SubscriptionForms.Pending(listNames,
                    clients.profile(c.clientId()).map(Client::name).orElse(""), row.email()));
        }));
    }

    /**
     * Follows a mailed confirmation link: once, while nothing has withdrawn it (the link's rows
     * are deleted by an unsubscribe, a suppression or leaving the list). The subscriber joins
     * the lists it names, becomes active, and an unsubscribe or manual suppression of the address
     * is lifted. Answers a preferences token for the thank-you page.
     */
    Optional<String> confirm(String token, String ip, String userAgent) {
        Optional<SubscriberTokens.Confirmation> link = tokens.readConfirmation(token);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        UUID clientId = link.get().clientId();
        return scope.inClient(clientId, () -> {
            List<ConfirmationStore.Open> open = confirmations.find(clientId, link.get().id(), cutoff());
            if (open.isEmpty()) {
                return Optional.<String>empty();
            }
            UUID subscriberId = open.get(0).subscriberId();
            // The parents are locked before the link's rows are taken (an erasure or a list's
            // deletion deletes those rows too, so the other order could make each wait for the
            // other); a list deleted meanwhile is left out (ParentLocks).
            if (parents.lockSubscribers(clientId, List.of(subscriberId)).isEmpty()) {
                return Optional.<String>empty();
            }
            Set<UUID> listsLeft = new HashSet<>();
            open.forEach(o -> {
                if (parents.lockList(clientId, o.listId())) {
                    listsLeft.add(o.listId());
                }
            });
            if (!confirmations.consume(clientId, link.get().id())) {
                return Optional.<String>empty();
            }
            Optional<SubscriberRow> row = subscribers.find(clientId, subscriberId);
            if (row.isEmpty()) {
                return Optional.<String>empty();
            }
            EmailAddress email = EmailAddress.of("email", row.get().email());
            if (suppressions.platformSuppressed(email.hash())) {
                return Optional.<String>empty();
            }
            OffsetDateTime now = Times.now(clock);
            boolean lifted = suppressions.lift(clientId, email.hash());
            if (row.get().status() != SubscriberStatus.ACTIVE) {
                subscribers.setStatus(clientId, subscriberId, SubscriberStatus.ACTIVE, now);
            }
            ConsentSource source = new ConsentSource(ConsentChannel.CONFIRMATION, null, ip, userAgent, null);
            // The address is named: a correction voids open confirmations, so it is the one the link went to.
            String proof = "confirmation link mailed to the address " + row.get().email()
                    + (lifted ? "; its earlier suppression lifted" : "");
            List<ConsentStore.Entry> events = new ArrayList<>();
            for (ConfirmationStore.Open o : open) {
                if (!listsLeft.contains(o.listId())) {
                    continue;
                }
                Optional<MembershipStatus> membership = memberships.membershipStatus(clientId, o.listId(), subscriberId);
                if (membership.isPresent() && membership.get() == MembershipStatus.CONFIRMED) {
                    continue;
                }
                if (membership.isEmpty()) {
                    memberships.insertMembership(clientId, o.listId(), subscriberId, MembershipStatus.CONFIRMED, now);
                } else {
                    memberships.setMembership(clientId, o.listId(), subscriberId, MembershipStatus.CONFIRMED, now);
                }
                if (membership.isEmpty() || membership.get() == MembershipStatus.UNSUBSCRIBED) {
                    // Asked for in the preference centre or on a form by someone who had left it.
                    events.add(new ConsentStore.Entry(subscriberId, ConsentAct.SUBSCRIBED, o.listId(), source,
                            "asked for again, in the preference centre or on a form"));
                }
                events.add(new ConsentStore.Entry(subscriberId, ConsentAct.CONFIRMED, o.listId(), source, proof));
                published.publishEvent(new SubscriptionsStarted(clientId, o.listId(),
                        List.of(new SubscriptionsStarted.Joined(subscriberId, row.get().email())), source.kind().wireName(), now));
            }
            consent.appendAll(clientId, now, events);
            return Optional.of(tokens.preferences(clientId, subscriberId));
        });
    }

    private OffsetDateTime cutoff() {
        return Times.now(clock).minusDays(SubscriberTokens.CONFIRM_DAYS);
    }
}
