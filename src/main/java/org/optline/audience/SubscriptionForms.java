package org.optline.audience;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.RateLimiter;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Public subscription forms and confirmations. A form submission records the consent (form, IP,
 * user agent, the exact consent text and its version); on a double opt-in list, or whenever the
 * address was suppressed or had left, the person must follow the link mailed to them before they
 * are confirmed. The same mailed confirmation is how the preference centre widens what someone
 * receives. A confirmation link is single-use, void after a later opt-out, and only ever mailed
 * to the address as platform mail, never shown to the client. A form never changes an existing
 * subscriber's profile: only the address's owner may, through the preference centre.
 */
@Service
public class SubscriptionForms {

    /** What the public page answers a submission: decided by the list's opt-in mode alone. */
    public enum Outcome { SUBSCRIBED, CONFIRMATION_SENT }

    /** A form as the public page shows it. */
    public record PublicForm(SubscriptionForm form, MailingList list, List<CustomField> fields, Client client) {}

    /** Settings a client edits. */
    public record Settings(boolean enabled, String title, String intro, List<String> fieldKeys, String consentText) {}

    private static final int CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;

    private final FormStore forms;
    private final ListStore lists;
    private final SubscriberStore subscribers;
    private final MembershipStore memberships;
    private final ConfirmationLinks confirmationLinks;
    private final ConsentStore consent;
    private final SuppressionStore suppressions;
    private final CustomFields fields;
    private final SubscriberTokens tokens;
    private final ConfirmationStore confirmations;
    private final TransactionalMail mail;
    private final Clients clients;
    private final RateLimiter limiter;
    private final TenantScope scope;
    private final Clock clock;
    private final PublicLinks links;
    private final ApplicationEventPublisher events;
    private final ParentLocks parents;

    public SubscriptionForms(FormStore forms, ListStore lists, SubscriberStore subscribers, MembershipStore memberships,
                             ConfirmationLinks confirmationLinks, ConsentStore consent,
                             SuppressionStore suppressions, CustomFields fields, SubscriberTokens tokens,
                             ConfirmationStore confirmations, TransactionalMail mail, Clients clients, RateLimiter limiter, TenantScope scope, Clock clock,
                             PublicLinks links, ApplicationEventPublisher events, ParentLocks parents) {
        this.parents = parents;
        this.events = events;
        this.forms = forms;
        this.lists = lists;
        this.subscribers = subscribers;
        this.memberships = memberships;
        this.confirmationLinks = confirmationLinks;
        this.consent = consent;
        this.suppressions = suppressions;
        this.fields = fields;
        this.tokens = tokens;
        this.confirmations = confirmations;
        this.mail = mail;
        this.clients = clients;
        this.limiter = limiter;
        this.scope = scope;
        this.clock = clock;
        this.links = links;
    }

    public Optional<SubscriptionForm> forList(Actor actor, UUID listId) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> {
            lists.find(clientId, listId).orElseThrow(() -> new NotFoundException("No list " + listId));
            return forms.byList(clientId, listId);
        });
    }

    public SubscriptionForm save(Actor actor, UUID listId, Settings settings) {
        UUID clientId = actor.requireClientWriter();
        String title = settings.title() == null || settings.title().isBlank() ? null : settings.title().strip();
        String consentText = settings.consentText() == null ? "" : settings.consentText().strip();
        if (consentText.isEmpty()) {
            throw ValidationException.of("consentText", "is required: say what people sign up for and how often");
        }
        if (consentText.length() > 4000 || (settings.intro() != null && settings.intro().length() > 2000)) {
            throw ValidationException.of("consentText", "is too long");
        }
        return scope.inClient(clientId, () -> {
            MailingList list = lists.find(clientId, listId).orElseThrow(() -> new NotFoundException("No list " + listId));
            List<String> known = fields.listFor(clientId).stream().map(CustomField::key).toList();
            for (String key : settings.fieldKeys()) {
                if (!known.contains(key)) {
                    throw ValidationException.of("fields", "'" + key + "' is not a custom field");
                }
            }
            OffsetDateTime now = Times.now(clock);
            Optional<SubscriptionForm> existing = forms.byList(clientId, listId);
            var form = new SubscriptionForm(existing.map(SubscriptionForm::id).orElseGet(UUID::randomUUID), clientId, listId,
                    settings.enabled(), title == null ? "Subscribe to " + list.name() : title, blankToNull(settings.intro()),
                    List.copyOf(settings.fieldKeys()), consentText, 1, now, now);
            if (existing.isPresent()) {
                forms.update(form, now);
            } else {
                forms.insert(form);
            }
            return forms.byList(clientId, listId).orElseThrow();
        });
    }

    /**
     * The form behind a public id, if it is enabled and its client may still collect subscribers
     * (not suspended or terminated: its forms are closed meanwhile).
     */
    public Optional<PublicForm> open(UUID formId) {
        Optional<SubscriptionForm> found = scope.asPlatform(() -> forms.byId(formId)).filter(SubscriptionForm::enabled);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionForm form = found.get();
        Optional<Client> client = clients.profile(form.clientId()).filter(c -> c.status().mayWrite());
        if (client.isEmpty()) {
            return Optional.empty();
        }
        return scope.inClient(form.clientId(), () -> lists.find(form.clientId(), form.listId()).map(list -> {
            List<CustomField> shown = fields.listFor(form.clientId()).stream()
                    .filter(f -> form.fieldKeys().contains(f.key())).toList();
            return new PublicForm(form, list, shown, client.get());
        }));
    }

    /**
     * Handles a submission; throws a validation error for bad input, nothing else is revealed: the
     * answer depends on the list alone (its opt-in mode), never on whether the address is new, on
     * the list, or had left, bounced or been suppressed.
     */
    public Outcome subscribe(UUID formId, String rawEmail, String rawName, Map<String, String> rawValues, String ip,
                             String userAgent) {
        PublicForm open = open(formId).orElseThrow(() -> new NotFoundException("No form " + formId));
        SubscriptionForm form = open.form();
        UUID clientId = form.clientId();
        EmailAddress email = EmailAddress.of("email", rawEmail);
        String name = TextFields.optional("name", rawName, 200);
        Map<CustomField, Object> values = convert(open.fields(), rawValues);
        boolean doubleOptIn = open.list().optIn() == OptInMode.DOUBLE;
        Outcome answer = doubleOptIn ? Outcome.CONFIRMATION_SENT : Outcome.SUBSCRIBED;
        if (scope.asPlatform(() -> suppressions.platformSuppressed(email.hash()))) {
            return answer; // blocked platform-wide: say nothing different, do nothing
        }
        ConsentSource source = new ConsentSource(ConsentChannel.FORM, formId.toString(), ip, userAgent, form.consentText());
        String detail = "consent text version " + form.consentVersion();
        Optional<ConfirmationMail> confirmation = scope.inClient(clientId, () -> {
            // The list (and with it the form) deleted meanwhile: as for any form that is gone.
            if (!parents.lockList(clientId, form.listId())) {
                throw new NotFoundException("No form " + formId);
            }
            OffsetDateTime now = Times.now(clock);
            boolean suppressed = suppressions.clientReason(clientId, email.hash()).isPresent();
            Optional<SubscriberRow> existing = subscribers.findByKey(clientId, email.key());
            if (existing.isPresent() && parents.lockSubscribers(clientId, List.of(existing.get().id())).isEmpty()) {
                // Erased this instant: the erasure's suppression answers the next submission.
                return Optional.<ConfirmationMail>empty();
            }
            boolean needsConfirmation = doubleOptIn || suppressed
                    || existing.map(r -> r.status() != SubscriberStatus.ACTIVE).orElse(false);
            UUID id = existing.map(SubscriberRow::id).orElseGet(UUID::randomUUID);
            // Someone who left this list, or never confirmed it, joins only by their own
            // confirmation: a form can be posted by anybody, any number of times.
            if (existing.isPresent() && memberships.membershipStatus(clientId, form.listId(), id)
                    .filter(m -> m != MembershipStatus.CONFIRMED).isPresent()) {
                needsConfirmation = true;
            }
            if (existing.isEmpty()) {
                parents.lockClient(clientId);
                subscribers.insertAll(clientId, List.of(new SubscriberStore.NewSubscriber(id, email.value(), email.key(), name,
                        FieldValues.slots(values))), now);
            }
            Optional<MembershipStatus> membership = memberships.membershipStatus(clientId, form.listId(), id);
            if (membership.isPresent() && membership.get() == MembershipStatus.CONFIRMED && !needsConfirmation) {
                return Optional.<ConfirmationMail>empty();
            }
            MembershipStatus status = needsConfirmation ? MembershipStatus.UNCONFIRMED : MembershipStatus.CONFIRMED;
            if (membership.isEmpty()) {
                memberships.insertMembership(clientId, form.listId(), id, status, now);
                if (status == MembershipStatus.CONFIRMED) {
                    events.publishEvent(new SubscriptionsStarted(clientId, form.listId(),
                            List.of(new SubscriptionsStarted.Joined(id, email.value())), source.kind().wireName(), now));
                }
            }
            // An existing membership that is not confirmed stays as it is (an unsubscribe stays an
            // unsubscribe) until the mailed link is followed.
            consent.append(clientId, now, new ConsentStore.Entry(id, ConsentAct.SUBSCRIBED, form.listId(), source, detail));
            return needsConfirmation
                    ? Optional.of(openConfirmation(open.client(), subscribers.find(clientId, id).orElseThrow(), List.of(form.listId()), now))
                    : Optional.<ConfirmationMail>empty();
        });
        confirmation.ifPresent(this::mail);
        return answer;
    }

    /** A confirmation to mail once the transaction that opened it has committed. */
    record ConfirmationMail(Client client, String email, String name, List<String> listNames, String token) {}

    /**
     * Opens a confirmation of {@code listIds} for a subscriber, in the client's scope: rows that a
     * new single-use link names. Nothing else changes until the link is followed; the caller mails
     * it (with {@link #mail}) after its transaction.
     */
    ConfirmationMail openConfirmation(Client client, SubscriberRow row, List<UUID> listIds, OffsetDateTime now) {
        UUID clientId = client.id();
        confirmations.expire(clientId, now.minusDays(SubscriberTokens.CONFIRM_DAYS));
        UUID id = UUID.randomUUID();
        confirmations.insert(clientId, id, row.id(), listIds, now);
        List<String> names = listIds.stream().map(l -> lists.find(clientId, l).map(MailingList::name).orElse("")).toList();
        return new ConfirmationMail(client, row.email(), row.name(), names, tokens.confirmation(clientId, id));
    }

    /** What the confirmation page shows before the button is pressed. */
    public record Pending(String listName, String clientName, String email) {}

    public Optional<Pending> pending(String token) {
        return confirmationLinks.pending(token);
    }

    /**
     * Follows a mailed confirmation link ({@link ConfirmationLinks#confirm}); answers a preferences
     * token for the thank-you page.
     */
    public Optional<String> confirm(String token, String ip, String userAgent) {
        return confirmationLinks.confirm(token, ip, userAgent);
    }

    /** Mails a confirmation opened by {@link #openConfirmation}; call it outside the client's scope. */
    void mail(ConfirmationMail confirmation) {
        EmailAddress email = EmailAddress.of("email", confirmation.email());
        if (!limiter.tryAcquire("confirm-mail:" + email.hash(), CONFIRMATIONS_PER_ADDRESS_PER_DAY, Duration.ofDays(1))) {
            return; // someone keeps asking for this address: stop mailing its owner
        }
        Client client = confirmation.client();
        String lists = String.join(", ", confirmation.listNames().stream().map(n -> "\"" + n + "\"").toList());
        String link = links.confirmation(confirmation.token());
        String text = "Hello" + (confirmation.name() == null ? "" : " " + confirmation.name()) + ",\n\n"
                + "please confirm that you want to receive " + lists + " from " + client.name() + ":\n\n"
                + link + "\n\n"
                + "If you did not ask for this, ignore this message: nothing changes and you will hear no more.\n\n"
                + "-- \n" + client.name() + "\n" + client.footerAddress() + "\n";
        // Held as platform mail, not the client's: whoever can read the link can confirm, so the
        // client (who could then confirm people on their behalf) must never see it. It names the
        // client it was sent for, so that client's erasure of the address deletes it.
        mail.send(new TransactionalMail.Message(null, "confirmation", client.name(), email.value(),
                "Please confirm your subscription to " + String.join(", ", confirmation.listNames()), text, null, client.id()));
    }

    private static Map<CustomField, Object> convert(List<CustomField> shown, Map<String, String> raw) {
        Map<CustomField, Object> values = new LinkedHashMap<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (CustomField field : shown) {
            String value = raw == null ? null : raw.get(field.key());
            FieldValues.Result result = FieldValues.convert(field, value);
            if (result.error() != null) {
                errors.add(new ValidationException.FieldError(field.label(), result.error()));
            } else if (result.value() != null) {
                values.put(field, result.value());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
