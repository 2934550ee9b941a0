package org.optline.audience;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.imports.ImportStore;
import org.optline.audience.lists.ListStore;
import org.optline.audience.subscribers.ConfirmationStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.Cursor;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A client's subscribers: add or update one, add one by hand, read, search, correct, take off a
 * list, unsubscribe, erase, and the consent ledger that records every act of consent and its withdrawal.
 */
@Service
public class Subscribers {

    private final SubscriberStore store;
    private final MembershipStore memberships;
    private final SubscriberAssembly assembly;
    private final ConfirmationStore confirmations;
    private final ConsentStore consent;
    private final ListStore lists;
    private final CustomFields fields;
    private final Suppressions suppressions;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final ImportStore imports;
    private final ApplicationEventPublisher events;
    private final ParentLocks parents;

    public Subscribers(SubscriberStore store, MembershipStore memberships, SubscriberAssembly assembly, ConfirmationStore confirmations, ConsentStore consent, ListStore lists,
                       CustomFields fields, Suppressions suppressions, TenantScope scope, AuditLog audit, Clock clock,
                       ImportStore imports,
                       ApplicationEventPublisher events, ParentLocks parents) {
        this.parents = parents;
        this.imports = imports;
        this.events = events;
        this.store = store;
        this.memberships = memberships;
        this.assembly = assembly;
        this.confirmations = confirmations;
        this.consent = consent;
        this.lists = lists;
        this.fields = fields;
        this.suppressions = suppressions;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of {@link #save}: the subscriber and whether it was new. */
    public record Saved(Subscriber subscriber, boolean created) {}

    /** A correction of a subscriber; null members are left as they are. */
    public record Correction(String email, String name, Map<String, Object> fields, String status) {}

    /**
     * Adds a subscriber, or updates the one with this address, and joins the given lists. On a
     * double opt-in list the membership stays unconfirmed unless {@code preconfirmed} (the client
     * states the person already confirmed). A suppressed address cannot be put on lists this way.
     */
    public Saved save(Actor actor, SubscriberInput input, boolean preconfirmed) {
        return save(actor, input, preconfirmed, false);
    }

    /**
     * Adds a new subscriber by hand (the subscribers page): as {@link #save}, but an address the
     * client already has is refused rather than updated, and {@code status} may be
     * {@code unsubscribed}, which records someone who opted out (suppressed, on no list) through
     * the same ledger entry as any unsubscribe.
     */
    public Subscriber add(Actor actor, SubscriberInput input, boolean preconfirmed, String status) {
        boolean unsubscribed = SubscriberStatus.UNSUBSCRIBED.wireName().equals(status);
        if (!unsubscribed && status != null && !status.isBlank() && !SubscriberStatus.ACTIVE.wireName().equals(status)) {
            throw ValidationException.of("status", "must be active or unsubscribed; bounces and complaints come from mail");
        }
        if (unsubscribed && input.lists() != null && !input.lists().isEmpty()) {
            throw ValidationException.of("lists", "must be empty for an unsubscribed subscriber");
        }
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            Subscriber added = save(actor, input, preconfirmed, true).subscriber();
            if (!unsubscribed) {
                return added;
            }
            unsubscribeInScope(clientId, added.id(), new ConsentSource(ConsentChannel.API, actor.label(), actor.sourceIp(),
                    null, null), "recorded as unsubscribed when added by the client");
            return assembly.load(clientId, added.id()).orElseThrow();
        });
    }

    private Saved save(Actor actor, SubscriberInput input, boolean preconfirmed, boolean mustBeNew) {
        UUID clientId = actor.requireClientWriter();
        EmailAddress email = EmailAddress.of("email", input.email());
        String name = TextFields.optional("name", input.name(), 200);
        List<UUID> listIds = input.lists() == null ? List.of() : List.copyOf(new LinkedHashSet<>(input.lists()));
        ConsentSource source = input.consent() != null ? input.consent()
                : new ConsentSource(ConsentChannel.API, actor.label(), actor.sourceIp(), null, null);
        return scope.inClient(clientId, () -> {
            Map<CustomField, Object> values = convert(clientId, input.fields());
            List<MailingList> targets = new ArrayList<>();
            for (UUID listId : listIds) {
                // Locked before it is read: a list deleted meanwhile is not found, and one deleted
                // later waits for this transaction (ParentLocks).
                if (!parents.lockList(clientId, listId)) {
                    throw ValidationException.of("lists", "names a list that does not exist");
                }
                targets.add(lists.find(clientId, listId)
                        .orElseThrow(() -> ValidationException.of("lists", "names a list that does not exist")));
            }
            if (!targets.isEmpty() && suppressions.isSuppressed(clientId, email)) {
                throw new ConflictException("This address is on the suppression list; only its owner can subscribe it again, through a form");
            }
            OffsetDateTime now = Times.now(clock);
            Optional<SubscriberRow> existing = store.findByKey(clientId, email.key());
            if (mustBeNew && existing.isPresent()) {
                throw new ConflictException("A subscriber with this address already exists");
            }
            UUID id = existing.map(SubscriberRow::id).orElseGet(UUID::randomUUID);
            if (existing.isPresent() && parents.lockSubscribers(clientId, List.of(id)).isEmpty()) {
                throw new ConflictException("This subscriber was erased meanwhile");
            }
            if (existing.isEmpty()) {
                parents.lockClient(clientId);
                store.insertAll(clientId, List.of(new SubscriberStore.NewSubscriber(id, email.value(), email.key(), name,
                        FieldValues.slots(values))), now);
            } else {
                store.updateProfile(clientId, id, name != null, name, FieldValues.slots(values), now);
            }
            List<ConsentStore.Entry> events = new ArrayList<>();
            List<UUID> joined = new ArrayList<>();
            for (MailingList list : targets) {
                Optional<MembershipStatus> current = memberships.membershipStatus(clientId, list.id(), id);
                if (current.isPresent() && current.get() == MembershipStatus.UNSUBSCRIBED) {
                    throw new ConflictException("The subscriber left '" + list.name() + "'; only they can rejoin it");
                }
                if (current.isPresent()) {
                    continue;
                }
                boolean confirmed = list.optIn() == OptInMode.SINGLE || preconfirmed;
                memberships.insertMembership(clientId, list.id(), id,
                        confirmed ? MembershipStatus.CONFIRMED : MembershipStatus.UNCONFIRMED, now);
                events.add(new ConsentStore.Entry(id, ConsentAct.SUBSCRIBED, list.id(), source, null));
                if (confirmed && list.optIn() == OptInMode.DOUBLE) {
                    events.add(new ConsentStore.Entry(id, ConsentAct.CONFIRMED, list.id(), source,
                            "confirmation stated by the client (preconfirmed)"));
                }
                if (confirmed) {
                    joined.add(list.id());
                }
            }
            consent.appendAll(clientId, now, events);
            for (UUID listId : joined) {
                this.events.publishEvent(new SubscriptionsStarted(clientId, listId,
                        List.of(new SubscriptionsStarted.Joined(id, email.value())), source.kind().wireName(), now));
            }
            return new Saved(assembly.load(clientId, id).orElseThrow(), existing.isEmpty());
        });
    }

    public Subscriber get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> assembly.load(clientId, id)).orElseThrow(() -> notFound(id));
    }

    public Optional<Subscriber> findByEmail(Actor actor, String rawEmail) {
        UUID clientId = actor.requireClient();
        EmailAddress.Parse parse = EmailAddress.parse(rawEmail);
        if (!parse.ok()) {
            return Optional.empty();
        }
        return scope.inClient(clientId, () -> store.findByKey(clientId, parse.address().key())
                .flatMap(row -> assembly.load(clientId, row.id())));
    }

    public Page<Subscriber> search(Actor actor, String emailPrefix, String status, UUID listId, String cursor, Integer limit) {
        UUID clientId = actor.requireClient();
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        if (status != null && !status.isBlank()) {
            try {
                SubscriberStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("status", "must be one of active, unsubscribed, bounced, complained");
            }
        }
        return scope.inClient(clientId, () -> {
            List<SubscriberRow> rows = store.search(clientId, emailPrefix, status == null ? "" : status.strip(), listId,
                    after, size + 1);
            List<SubscriberRow> page = rows.size() > size ? rows.subList(0, size) : rows;
            List<Subscriber> items = page.stream().map(r -> assembly.assemble(clientId, r)).toList();
            SubscriberRow last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page<>(items, rows.size() > size ? new Cursor(last.createdAt(), last.id()).encode() : null);
        });
    }

    /** Corrects a subscriber's address, name or fields, or unsubscribes them (status {@code unsubscribed}). */
    public Subscriber correct(Actor actor, UUID id, Correction correction) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            if (parents.lockSubscribers(clientId, List.of(id)).isEmpty()) {
                throw notFound(id);
            }
            SubscriberRow row = store.find(clientId, id).orElseThrow(() -> notFound(id));
            OffsetDateTime now = Times.now(clock);
            Map<CustomField, Object> values = convert(clientId, correction.fields());
            ConsentSource source = new ConsentSource(ConsentChannel.API, actor.label(), actor.sourceIp(), null, null);
            if (correction.email() != null) {
                EmailAddress email = EmailAddress.of("email", correction.email());
                if (!email.key().equals(row.emailKey())) {
                    if (store.findByKey(clientId, email.key()).isPresent()) {
                        throw new ConflictException("Another subscriber already has this address");
                    }
                    // Moving the address of someone who opted out would let a confirmation mailed
                    // to the new address bring them back on the old one once it is moved back.
                    if (row.status() != SubscriberStatus.ACTIVE || memberships.memberships(clientId, id).stream()
                            .anyMatch(m -> m.status() == MembershipStatus.UNSUBSCRIBED)) {
                        throw new ConflictException("This subscriber unsubscribed from a list or from everything, so the address "
                                + "cannot be changed: add the new address as a new subscriber instead");
                    }
                    store.setEmail(clientId, id, email.value(), email.key(), now);
                    // A confirmation proves the address it was mailed to, not the corrected one.
                    confirmations.voidSubscriber(clientId, id);
                    consent.append(clientId, now, new ConsentStore.Entry(id, ConsentAct.CORRECTED, null, source,
                            "email address corrected"));
                }
            }
            String name = TextFields.optional("name", correction.name(), 200);
            store.updateProfile(clientId, id, name != null, name, FieldValues.slots(values), now);
            if (correction.status() != null && !correction.status().equals(row.status().wireName())) {
                if (!SubscriberStatus.UNSUBSCRIBED.wireName().equals(correction.status())) {
                    throw ValidationException.of("status", "can only be changed to unsubscribed; a subscriber re-subscribes themselves");
                }
                unsubscribeInScope(clientId, id, source, "unsubscribed by the client");
            }
            return assembly.load(clientId, id).orElseThrow();
        });
    }

    /**
     * Takes a subscriber off one list at the client's hand: the membership becomes unsubscribed
     * (so only the person can rejoin it, as after leaving it themselves), open confirmations for
     * the list are voided, and the ledger records the withdrawal with who did it.
     */
    public Subscriber removeFromList(Actor actor, UUID id, UUID listId) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            SubscriberRow row = store.find(clientId, id).orElseThrow(() -> notFound(id));
            MembershipStatus current = memberships.membershipStatus(clientId, listId, id)
                    .orElseThrow(() -> ValidationException.of("list", "names a list this subscriber is not on"));
            if (current != MembershipStatus.UNSUBSCRIBED) {
                OffsetDateTime now = Times.now(clock);
                ConsentSource source = new ConsentSource(ConsentChannel.API, actor.label(), actor.sourceIp(), null, null);
                memberships.setMembership(clientId, listId, id, MembershipStatus.UNSUBSCRIBED, now);
                confirmations.voidList(clientId, id, listId);
                consent.append(clientId, now, new ConsentStore.Entry(id, ConsentAct.UNSUBSCRIBED, listId, source,
                        "removed from the list by the client"));
                events.publishEvent(new SubscriberUnsubscribed(clientId, id, row.email(), listId, source.kind().wireName(), now));
            }
            return assembly.load(clientId, id).orElseThrow();
        });
    }

    /**
     * Withdraws consent at once: the subscriber leaves every list, is marked unsubscribed and the
     * address is suppressed for this client. Other modules call this for one-click, link and reply
     * unsubscribes.
     */
    public void unsubscribe(UUID clientId, UUID id, ConsentSource source) {
        scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            unsubscribeInScope(clientId, id, source, null);
        });
    }

    /**
     * A hard bounce (the receiving server refused the address with 5xx): the subscriber is marked
     * bounced and the address suppressed for this client, in the caller's transaction when there
     * is one. Answers the address, so the caller can also suppress it platform-wide when it trusts
     * the source; empty for an unknown or erased subscriber (the address is gone).
     */
    public Optional<EmailAddress> bounced(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id).map(row -> {
            EmailAddress email = EmailAddress.of("email", row.email());
            store.setStatus(clientId, id, SubscriberStatus.BOUNCED, Times.now(clock));
            suppressions.suppress(clientId, email, SuppressionReason.BOUNCED, "bounce");
            events.publishEvent(new SubscriberOptedOut(clientId, id));
            return email;
        }));
    }

    /**
     * A complaint (the person marked a message as spam; STANDARDS 23, 25): the subscriber leaves
     * every list, is marked complained, the address is suppressed for this client, and the ledger
     * records the complaint with {@code detail} (feedback type, campaign), all in the caller's
     * transaction when there is one. Platform-wide suppression is the caller's (it runs in the
     * platform scope). Publishes {@link SubscriberOptedOut}, which stops a running send, but not
     * {@link SubscriberUnsubscribed}: reports count a complaint as a complaint (from the inbound
     * module's event), not as an unsubscribe. Answers the address; empty for an unknown or erased
     * subscriber, or one already marked complained (nothing is recorded twice).
     */
    public Optional<EmailAddress> complained(UUID clientId, UUID id, ConsentSource source, String detail) {
        return scope.inClient(clientId, () -> store.find(clientId, id)
                .filter(row -> row.status() != SubscriberStatus.COMPLAINED)
                .map(row -> {
                    EmailAddress email = EmailAddress.of("email", row.email());
                    OffsetDateTime now = Times.now(clock);
                    store.setStatus(clientId, id, SubscriberStatus.COMPLAINED, now);
                    memberships.unsubscribeAllMemberships(clientId, id, now);
                    suppressions.suppress(clientId, email, SuppressionReason.COMPLAINED, source.kind().wireName());
                    consent.append(clientId, now, new ConsentStore.Entry(id, ConsentAct.COMPLAINED, null, source,
                            clip(detail)));
                    events.publishEvent(new SubscriberOptedOut(clientId, id));
                    return email;
                }));
    }

    /**
     * Unsubscribes from every list unless the subscriber has already left (unsubscribed, bounced,
     * complained), for channels that can repeat themselves (a second reply saying "stop"): answers
     * whether anything changed, so the ledger gets one row per withdrawal. Empty: no such subscriber.
     */
    public Optional<Boolean> unsubscribeOnce(UUID clientId, UUID id, ConsentSource source, String detail) {
        return scope.inClient(clientId, () -> store.find(clientId, id).map(row -> {
            if (row.status() != SubscriberStatus.ACTIVE) {
                return false;
            }
            unsubscribeInScope(clientId, id, source, clip(detail));
            return true;
        }));
    }

    /** A subscriber's address and status by id, for modules acting on mail about them; empty when unknown or erased. */
    public Optional<Subscriber> find(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> assembly.load(clientId, id));
    }

    private void unsubscribeInScope(UUID clientId, UUID id, ConsentSource source, String detail) {
        SubscriberRow row = store.find(clientId, id).orElseThrow(() -> notFound(id));
        OffsetDateTime now = Times.now(clock);
        store.setStatus(clientId, id, SubscriberStatus.UNSUBSCRIBED, now);
        memberships.unsubscribeAllMemberships(clientId, id, now);
        suppressions.suppress(clientId, EmailAddress.of("email", row.email()), SuppressionReason.UNSUBSCRIBED, source.kind().wireName());
        consent.append(clientId, now, new ConsentStore.Entry(id, ConsentAct.UNSUBSCRIBED, null, source, detail));
        events.publishEvent(new SubscriberUnsubscribed(clientId, id, row.email(), null, source.kind().wireName(), now));
        events.publishEvent(new SubscriberOptedOut(clientId, id));
    }

    /**
     * Erases a subscriber: profile, fields, memberships and consent ledger are deleted; what stays
     * is a tombstone with the address's hash (proof of the erasure) and a suppression by hash, so
     * the address is never mailed or re-imported by mistake.
     */
    public void erase(Actor actor, UUID id, String reason) {
        UUID clientId = actor.requireClientWriter();
        scope.inClient(clientId, () -> {
            // First, so every writer of this subscriber's memberships and tags has finished and
            // none starts: what is deleted below is all there is (ParentLocks).
            if (!parents.lockSubscriberForDelete(clientId, id)) {
                throw notFound(id);
            }
            SubscriberRow row = store.find(clientId, id).orElseThrow(() -> notFound(id));
            EmailAddress email = EmailAddress.of("email", row.email());
            OffsetDateTime now = Times.now(clock);
            suppressions.suppress(clientId, email, SuppressionReason.MANUAL, "erasure");
            suppressions.forgetEmail(clientId, email.hash());
            consent.erase(clientId, id, email.hash(), actor.label(), reason, now);
            imports.forgetAddress(clientId, email.key());
            // Its dependents explicitly: on PostgreSQL no foreign key cascades to them.
            memberships.deleteOfSubscriber(clientId, id);
            store.delete(clientId, id);
            events.publishEvent(new SubscriberErased(clientId, email.value(), id));
            events.publishEvent(new SubscriberOptedOut(clientId, id));
            audit.record(actor, clientId, "subscriber.erased", "subscriber:" + id, reason);
        });
    }

    public List<ConsentEvent> consentLedger(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            return consent.ledger(clientId, id);
        });
    }

    public long count(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.count(clientId));
    }

    /**
     * Subscribers of one client by id, for the delivery module, in two queries whatever the batch
     * size (the fields, then the rows with the slots those fields occupy, multi fields' arrays
     * included); erased ones are simply absent. Memberships are not loaded: a message needs
     * the profile, and the queue already knows who is a recipient.
     */
    public List<Subscriber> forDelivery(UUID clientId, Collection<UUID> ids) {
        return scope.inClient(clientId, () -> assembly.forDelivery(clientId, ids));
    }

    /** One subscriber of a client, for other parts of the module that act on the subscriber's behalf. */
    Optional<Subscriber> snapshot(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> assembly.load(clientId, id));
    }

    private Map<CustomField, Object> convert(UUID clientId, Map<String, Object> raw) {
        Map<CustomField, Object> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        Map<String, CustomField> byKey = new HashMap<>();
        fields.listFor(clientId).forEach(f -> byKey.put(f.key(), f));
        List<ValidationException.FieldError> errors = new ArrayList<>();
        raw.forEach((key, value) -> {
            CustomField field = byKey.get(key);
            if (field == null) {
                errors.add(new ValidationException.FieldError("fields." + key, "is not a custom field of this client"));
                return;
            }
            FieldValues.Result result = FieldValues.convert(field, value);
            if (result.error() != null) {
                errors.add(new ValidationException.FieldError("fields." + key, result.error()));
            } else {
                values.put(field, result.value());
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }


    /** The ledger's detail column holds 2,000 characters. */
    private static String clip(String detail) {
        return detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No subscriber " + id);
    }
}
