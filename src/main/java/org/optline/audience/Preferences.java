package org.optline.audience;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.forms.FormStore;
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
import org.optline.platform.ConflictException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The preference centre, reached by a signed link with no login: the subscriber corrects their
 * name and the fields the client marked as theirs to edit, chooses lists, unsubscribes from everything, or downloads their data. The link
 * is in every message, and the client can read its own messages, so it does not prove who holds
 * it: it narrows at once, and widens only through a confirmation mailed to the address (see
 * {@link #save}). Every change is written to the consent ledger.
 */
@Service
public class Preferences {

    /** One list as the preference centre offers it. */
    public record ListChoice(UUID id, String name, String description, boolean subscribed) {}

    /** Everything the page shows. */
    public record View(Subscriber subscriber, Client client, List<CustomField> fields, Map<String, String> values,
                       List<ListChoice> lists) {}

    private final SubscriberTokens tokens;
    private final SubscriberStore store;
    private final MembershipStore memberships;
    private final ConfirmationStore confirmations;
    private final SubscriptionForms forms;
    private final ListStore lists;
    private final FormStore formStore;
    private final ConsentStore consent;
    private final SuppressionStore suppressions;
    private final CustomFields fields;
    private final Subscribers subscribers;
    private final Clients clients;
    private final TenantScope scope;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ParentLocks parents;

    public Preferences(SubscriberTokens tokens, SubscriberStore store, MembershipStore memberships, ConfirmationStore confirmations,
                       SubscriptionForms forms,
                       ListStore lists, FormStore formStore, ConsentStore consent, SuppressionStore suppressions,
                       CustomFields fields, Subscribers subscribers, Clients clients, TenantScope scope, Clock clock,
                       ApplicationEventPublisher events, ParentLocks parents) {
        this.parents = parents;
        this.events = events;
        this.tokens = tokens;
        this.store = store;
        this.memberships = memberships;
        this.confirmations = confirmations;
        this.forms = forms;
        this.lists = lists;
        this.formStore = formStore;
        this.consent = consent;
        this.suppressions = suppressions;
        this.fields = fields;
        this.subscribers = subscribers;
        this.clients = clients;
        this.scope = scope;
        this.clock = clock;
    }

    public Optional<View> view(String token) {
        return tokens.readPreferences(token).flatMap(h -> {
            Optional<Client> client = clients.profile(h.clientId());
            return client.flatMap(c -> scope.inClient(h.clientId(), () -> subscribers.snapshot(h.clientId(), h.subscriberId())
                    .map(s -> {
                        List<CustomField> editable = editableFields(h.clientId());
                        Map<String, String> values = new HashMap<>();
                        editable.forEach(f -> {
                            Object v = s.fields().get(f.key());
                            if (v != null) {
                                values.put(f.key(), v instanceof List<?> l
                                        ? FieldValues.joined(l) : String.valueOf(v));
                            }
                        });
                        return new View(s, c, editable, values, choices(h.clientId(), s));
                    })));
        });
    }

    /** What saving the page did: everything at once, or all but lists that wait for a mailed confirmation. */
    public enum Saved { SAVED, CONFIRMATION_SENT }

    /**
     * Saves the page: name, the values of the fields subscribers may edit (values posted for other
     * fields are ignored), and list choices (ids of the lists ticked). The link comes with every
     * message, which the client can read too, so it only narrows at once:
     * correcting the profile and leaving lists take effect, but joining a list does so only for
     * an active, unsuppressed subscriber, on a single opt-in list they never left. Any other list
     * ticked (someone who unsubscribed, bounced, complained or is suppressed; a double opt-in
     * list; a list they left) waits for a confirmation mailed to the address. Empty for a link
     * that is not one.
     */
    public Optional<Saved> save(String token, String rawName, Map<String, String> rawValues, Set<UUID> chosen, String ip,
                                String userAgent) {
        Optional<SubscriberTokens.Holder> holder = tokens.readPreferences(token);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        UUID clientId = holder.get().clientId();
        UUID id = holder.get().subscriberId();
        Optional<Client> client = clients.profile(clientId);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        Optional<Optional<SubscriptionForms.ConfirmationMail>> saved = scope.inClient(clientId, () -> {
            // Locked first: an erasure meanwhile leaves nothing to save, and one after waits (ParentLocks).
            if (parents.lockSubscribers(clientId, List.of(id)).isEmpty()) {
                return Optional.<Optional<SubscriptionForms.ConfirmationMail>>empty();
            }
            Optional<SubscriberRow> row = store.find(clientId, id);
            if (row.isEmpty()) {
                return Optional.<Optional<SubscriptionForms.ConfirmationMail>>empty();
            }
            OffsetDateTime now = Times.now(clock);
            ConsentSource source = new ConsentSource(ConsentChannel.PREFERENCES, null, ip, userAgent, null);
            List<ConsentStore.Entry> events = new ArrayList<>();
            String name = TextFields.optional("name", rawName, 200);
            Map<CustomField, Object> values = convert(clientId, rawValues);
            store.updateProfile(clientId, id, true, name, FieldValues.slots(values), now);
            events.add(new ConsentStore.Entry(id, ConsentAct.PREFERENCES_CHANGED, null, source,
                    "profile saved in the preference centre"));
            Subscriber current = subscribers.snapshot(clientId, id).orElseThrow();
            String hash = EmailAddress.of("email", current.email()).hash();
            boolean free = current.status() == SubscriberStatus.ACTIVE && suppressions.clientReason(clientId, hash).isEmpty()
                    && !suppressions.platformSuppressed(hash);
            List<UUID> toConfirm = new ArrayList<>();
            for (ListChoice choice : choices(clientId, current)) {
                boolean wants = chosen.contains(choice.id());
                if (wants && !choice.subscribed()) {
                    if (!parents.lockList(clientId, choice.id())) {
                        continue; // deleted since the page was read
                    }
                    boolean neverLeft = memberships.membershipStatus(clientId, choice.id(), id).isEmpty();
                    boolean singleOptIn = lists.find(clientId, choice.id()).map(l -> l.optIn() == OptInMode.SINGLE).orElse(false);
                    if (free && neverLeft && singleOptIn) {
                        memberships.insertMembership(clientId, choice.id(), id, MembershipStatus.CONFIRMED, now);
                        events.add(new ConsentStore.Entry(id, ConsentAct.SUBSCRIBED, choice.id(), source,
                                "ticked in the preference centre (single opt-in list)"));
                        this.events.publishEvent(new SubscriptionsStarted(clientId, choice.id(),
                                List.of(new SubscriptionsStarted.Joined(id, current.email())), source.kind().wireName(), now));
                    } else {
                        toConfirm.add(choice.id());
                    }
                } else if (!wants && choice.subscribed()) {
                    memberships.setMembership(clientId, choice.id(), id, MembershipStatus.UNSUBSCRIBED, now);
                    confirmations.voidList(clientId, id, choice.id());
                    events.add(new ConsentStore.Entry(id, ConsentAct.UNSUBSCRIBED, choice.id(), source,
                            "unticked in the preference centre"));
                    this.events.publishEvent(new SubscriberUnsubscribed(clientId, id, current.email(), choice.id(), source.kind().wireName(), now));
                }
            }
            consent.appendAll(clientId, now, events);
            return Optional.of(toConfirm.isEmpty() ? Optional.<SubscriptionForms.ConfirmationMail>empty()
                    : Optional.of(forms.openConfirmation(client.get(), row.get(), toConfirm, now)));
        });
        // Mailed after the commit, outside the client's scope (the mail is the platform's). The
        // page says the same when the address is blocked platform-wide: the mail is then dropped.
        saved.flatMap(mail -> mail).filter(m -> !suppressedPlatformWide(m.email())).ifPresent(forms::mail);
        return saved.map(mail -> mail.isPresent() ? Saved.CONFIRMATION_SENT : Saved.SAVED);
    }

    private boolean suppressedPlatformWide(String email) {
        return scope.asPlatform(() -> suppressions.platformSuppressed(EmailAddress.of("email", email).hash()));
    }

    public boolean unsubscribeAll(String token, String ip, String userAgent) {
        return tokens.readPreferences(token).map(h -> {
            subscribers.unsubscribe(h.clientId(), h.subscriberId(),
                    new ConsentSource(ConsentChannel.PREFERENCES, null, ip, userAgent, null));
            return true;
        }).orElse(false);
    }

    /** Everything held about the subscriber, for "download my data". */
    public Optional<Map<String, Object>> data(String token) {
        return tokens.readPreferences(token).flatMap(h -> scope.inClient(h.clientId(), () ->
                subscribers.snapshot(h.clientId(), h.subscriberId()).map(s -> {
                    Map<String, Object> all = new LinkedHashMap<>();
                    all.put("email", s.email());
                    all.put("name", s.name());
                    all.put("status", s.status().wireName());
                    all.put("subscribedSince", s.createdAt().toString());
                    all.put("fields", s.fields());
                    all.put("lists", s.lists().stream().map(m -> Map.of("list", m.listName(), "status", m.status().wireName(),
                            "since", m.updatedAt().toString())).toList());
                    all.put("consent", consent.ledger(h.clientId(), h.subscriberId()));
                    return all;
                })));
    }

    private List<ListChoice> choices(UUID clientId, Subscriber s) {
        Map<UUID, Membership> mine = new HashMap<>();
        s.lists().forEach(m -> mine.put(m.listId(), m));
        List<ListChoice> choices = new ArrayList<>();
        for (MailingList list : lists.list(clientId)) {
            Membership m = mine.get(list.id());
            boolean offered = m != null || formStore.byList(clientId, list.id()).map(SubscriptionForm::enabled).orElse(false);
            if (offered) {
                choices.add(new ListChoice(list.id(), list.name(), list.description(),
                        m != null && m.status() != MembershipStatus.UNSUBSCRIBED));
            }
        }
        return choices;
    }

    /** The fields the client lets subscribers see and correct; the others are never shown nor written here. */
    private List<CustomField> editableFields(UUID clientId) {
        return fields.listFor(clientId).stream().filter(CustomField::subscriberEditable).toList();
    }

    /**
     * Converts the posted values of the fields subscribers may edit. A value posted for any other
     * field (an internal {@code vip} flag, say) is left out: the page never offers it, and the link
     * proves nothing about who posts.
     */
    private Map<CustomField, Object> convert(UUID clientId, Map<String, String> raw) {
        Map<CustomField, Object> values = new LinkedHashMap<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (CustomField field : editableFields(clientId)) {
            if (raw == null || !raw.containsKey(field.key())) {
                continue;
            }
            FieldValues.Result result = FieldValues.convert(field, raw.get(field.key()));
            if (result.error() != null) {
                errors.add(new ValidationException.FieldError(field.label(), result.error()));
            } else {
                values.put(field, result.value());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }
}
