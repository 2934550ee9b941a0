package org.optline.compliance.disclosure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.audience.EmailAddress;
import org.optline.audience.Exports;
import org.optline.audience.SubscriberDirectory;
import org.optline.audience.Suppressions;
import org.optline.delivery.DeliveryRecords;
import org.optline.inbound.InboundRecords;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditFilter;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.Page;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.optline.tracking.TrackedEvents;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Legal disclosure: everything every client holds about one address, for an operator who states
 * the legal basis, written to the platform's audit log (which no client reads). The only feature
 * that reads client-owned data across clients: it asks audience which clients hold the address,
 * then reads each client's record in that client's own scope.
 */
@Service
class LegalDisclosures {

    /** The audit action of a produced disclosure; the operator page lists these entries. */
    static final String ACTION = "legal_disclosure.produced";
    /** A legal basis names a statute, a court order or a case number: a paragraph at most. */
    static final int LEGAL_BASIS_MAX = 1000;

    private static final Pattern DETAIL = Pattern.compile("id=([0-9a-f-]{36}); clients=(\\d+); basis=(.*)", Pattern.DOTALL);
    private static final String HASH_TARGET = "email-hash:";

    /** Opens and clicks per client at most: the newest ten thousand tell the story. */
    static final int EVENTS_LIMIT = 10_000;

    private final SubscriberDirectory directory;
    private final DeliveryRecords deliveries;
    private final TrackedEvents events;
    private final InboundRecords inbound;
    private final Exports exports;
    private final Suppressions suppressions;
    private final Clients clients;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    LegalDisclosures(SubscriberDirectory directory, Exports exports, Suppressions suppressions, DeliveryRecords deliveries,
                     TrackedEvents events, InboundRecords inbound, Clients clients, AuditLog audit, JsonMapper json,
                     Clock clock) {
        this.directory = directory;
        this.deliveries = deliveries;
        this.events = events;
        this.inbound = inbound;
        this.exports = exports;
        this.suppressions = suppressions;
        this.clients = clients;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** What the operator asks for: the address and why the law requires it. */
    record Request(String email, String legalBasis) {}

    /** A produced disclosure: the JSON document to hand over, and what the audit log says of it. */
    record Produced(UUID id, OffsetDateTime at, int clients, byte[] document) {

        String fileName() {
            return "legal-disclosure-" + at.toLocalDate() + "-" + id.toString().substring(0, 8) + ".json";
        }
    }

    /** One past disclosure as the audit log keeps it: the address only as its SHA-256. */
    record Past(UUID id, OffsetDateTime at, String requestedBy, String sourceIp, String emailHash, int clients,
                String legalBasis) {}

    /**
     * Builds the record of {@code request.email()} across all clients and audits it. An address no
     * client holds still answers (with no clients) and is still audited; a refused request (not an
     * operator, a bad address, no legal basis) reads nothing and records nothing.
     */
    Produced produce(Actor operator, Request request) {
        operator.requireOperator();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        EmailAddress.Parse parsed = EmailAddress.parse(request.email());
        if (!parsed.ok()) {
            errors.add(new ValidationException.FieldError("email", parsed.error()));
        }
        String basis = request.legalBasis() == null ? "" : request.legalBasis().strip();
        if (basis.isEmpty()) {
            errors.add(new ValidationException.FieldError("legalBasis", "is required"));
        } else if (basis.length() > LEGAL_BASIS_MAX) {
            errors.add(new ValidationException.FieldError("legalBasis", TextFields.tooLong(LEGAL_BASIS_MAX)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        EmailAddress email = parsed.address();
        UUID id = UUID.randomUUID();
        OffsetDateTime at = Times.now(clock);

        List<Map<String, Object>> held = new ArrayList<>();
        for (SubscriberDirectory.Holder holder : directory.clientsHolding(operator, email)) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", holder.clientId().toString());
            client.put("clientName", clients.get(operator, holder.clientId()).name());
            client.putAll(exports.heldAbout(holder.clientId(), email));
            client.put("delivery", deliveries.heldAbout(holder.clientId(), holder.subscriberId(), email.value()));
            client.put("trackingEvents", holder.subscriberId() == null ? List.of()
                    : trackingEvents(holder.clientId(), holder.subscriberId()));
            client.put("inbound", inbound.heldAbout(holder.clientId(), holder.subscriberId()));
            held.add(client);
        }
        Map<String, Object> disclosure = new LinkedHashMap<>();
        disclosure.put("id", id.toString());
        disclosure.put("producedAt", at.toString());
        disclosure.put("requestedBy", operator.label());
        disclosure.put("legalBasis", basis);
        disclosure.put("email", email.value());
        disclosure.put("emailHash", email.hash());
        disclosure.put("clientsHolding", held.size());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("disclosure", disclosure);
        document.put("platformSuppression", suppressions.platformEntry(operator, email).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", s.reason());
            m.put("source", s.source());
            m.put("createdAt", s.createdAt().toString());
            return m;
        }).orElse(null));
        document.put("clients", held);
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);

        // Platform entry (no client id): no client's admin reads it, and only the hash names the
        // address, because the log is append-only and outlives the erasure of the address.
        audit.record(operator, null, ACTION, HASH_TARGET + email.hash(),
                "id=" + id + "; clients=" + held.size() + "; basis=" + basis);
        return new Produced(id, at, held.size(), bytes);
    }

    /** The subscriber's stored opens and clicks, newest first, each with its campaign. */
    private List<Map<String, Object>> trackingEvents(UUID clientId, UUID subscriberId) {
        return events.ofSubscriber(clientId, subscriberId, EVENTS_LIMIT).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.event().id().toString());
            m.put("campaignId", e.campaignId().toString());
            m.put("kind", e.event().kind().name().toLowerCase(Locale.ROOT));
            m.put("at", e.event().at().toString());
            m.put("url", e.event().url());
            m.put("source", e.event().source().name().toLowerCase(Locale.ROOT));
            m.put("rule", e.event().rule());
            return m;
        }).toList();
    }

    /** Past disclosures, newest first, a page at a time (operators only). */
    Page<Past> past(Actor operator, String cursor, int limit) {
        operator.requireOperator();
        Page<AuditEntry> entries = audit.search(operator, new AuditFilter(null, ACTION, null, null, null), cursor, limit);
        List<Past> items = new ArrayList<>();
        for (AuditEntry e : entries.items()) {
            if (!ACTION.equals(e.action())) {
                continue;
            }
            Matcher m = e.detail() == null ? null : DETAIL.matcher(e.detail());
            boolean read = m != null && m.matches();
            String target = e.target() == null ? "" : e.target();
            items.add(new Past(read ? UUID.fromString(m.group(1)) : null, e.at(), e.actorLabel(), e.sourceIp(),
                    target.startsWith(HASH_TARGET) ? target.substring(HASH_TARGET.length()) : target,
                    read ? Integer.parseInt(m.group(2)) : 0, read ? m.group(3) : e.detail()));
        }
        return new Page<>(items, entries.nextCursor());
    }
}
