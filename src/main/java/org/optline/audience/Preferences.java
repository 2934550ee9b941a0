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
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * The preference centre, reached by a signed link with no login: the subscriber corrects their
 * name and fields, chooses lists, unsubscribes from everything, or downloads their data. The link
 * proves they own the address, so lists they tick are confirmed at once. Every change is written to
 * the consent ledger.
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
    private final ListStore lists;
    private final FormStore forms;
    private final ConsentStore consent;
    private final SuppressionStore suppressions;
    private final CustomFields fields;
    private final Subscribers subscribers;
    private final Clients clients;
    private final TenantScope scope;
    private final Clock clock;

    public Preferences(SubscriberTokens tokens, SubscriberStore store, ListStore lists, FormStore forms, ConsentStore consent,
                       SuppressionStore suppressions, CustomFields fields, Subscribers subscribers, Clients clients,
                       TenantScope scope, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.lists = lists;
        this.forms = forms;
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
                        Map<String, String> values = new HashMap<>();
                        s.fields().forEach((k, v) -> values.put(k, v instanceof List<?> l
                                ? String.join("|", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
                        return new View(s, c, fields.listFor(h.clientId()), values, choices(h.clientId(), s));
                    })));
        });
    }

    /** Saves the page: name, field values, and list choices (ids of the lists ticked). */
    public boolean save(String token, String rawName, Map<String, String> rawValues, Set<UUID> chosen, String ip, String userAgent) {
        Optional<SubscriberTokens.Holder> holder = tokens.readPreferences(token);
        if (holder.isEmpty()) {
            return false;
        }
        UUID clientId = holder.get().clientId();
        UUID id = holder.get().subscriberId();
        return scope.inClient(clientId, () -> {
            Optional<SubscriberRow> row = store.find(clientId, id);
            if (row.isEmpty()) {
                return false;
            }
            OffsetDateTime now = Times.now(clock);
            ConsentSource source = new ConsentSource("preferences", null, ip, userAgent, null);
            List<ConsentStore.Entry> events = new ArrayList<>();
            String name = rawName == null || rawName.isBlank() ? null : rawName.strip();
            if (name != null && name.length() > 200) {
                throw ValidationException.of("name", "must be at most 200 characters");
            }
            Map<CustomField, Object> values = convert(clientId, rawValues);
            store.updateProfile(clientId, id, true, name, FieldValues.slots(values), now);
            store.writeTags(clientId, id, values);
            events.add(new ConsentStore.Entry(id, "preferences_changed", null, source, "profile saved in the preference centre"));
            Subscriber current = subscribers.snapshot(clientId, id).orElseThrow();
            for (ListChoice choice : choices(clientId, current)) {
                boolean wants = chosen.contains(choice.id());
                if (wants && !choice.subscribed()) {
                    if (store.membershipStatus(clientId, choice.id(), id).isPresent()) {
                        store.setMembership(clientId, choice.id(), id, MembershipStatus.CONFIRMED, now);
                    } else {
                        store.insertMembership(clientId, choice.id(), id, MembershipStatus.CONFIRMED, now);
                    }
                    events.add(new ConsentStore.Entry(id, "subscribed", choice.id(), source, "ticked in the preference centre"));
                    events.add(new ConsentStore.Entry(id, "confirmed", choice.id(), source, "the preference link proves the address"));
                    if (current.status() != SubscriberStatus.ACTIVE) {
                        store.setStatus(clientId, id, SubscriberStatus.ACTIVE, now);
                        suppressions.lift(clientId, EmailAddress.of("email", current.email()).hash());
                    }
                } else if (!wants && choice.subscribed()) {
                    store.setMembership(clientId, choice.id(), id, MembershipStatus.UNSUBSCRIBED, now);
                    events.add(new ConsentStore.Entry(id, "unsubscribed", choice.id(), source, "unticked in the preference centre"));
                }
            }
            consent.appendAll(clientId, now, events);
            return true;
        });
    }

    public boolean unsubscribeAll(String token, String ip, String userAgent) {
        return tokens.readPreferences(token).map(h -> {
            subscribers.unsubscribe(h.clientId(), h.subscriberId(), new ConsentSource("preferences", null, ip, userAgent, null));
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
            boolean offered = m != null || forms.byList(clientId, list.id()).map(SubscriptionForm::enabled).orElse(false);
            if (offered) {
                choices.add(new ListChoice(list.id(), list.name(), list.description(),
                        m != null && m.status() != MembershipStatus.UNSUBSCRIBED));
            }
        }
        return choices;
    }

    private Map<CustomField, Object> convert(UUID clientId, Map<String, String> raw) {
        Map<CustomField, Object> values = new LinkedHashMap<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (CustomField field : fields.listFor(clientId)) {
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
