package org.optline.audience;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.export.CsvCells;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.imports.ImportStore;
import org.optline.audience.lists.ListStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.SubscriberRow;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports of active subscribers (all, or one list's) as CSV or JSON, written page by page so
 * memory stays bounded whatever the audience's size, and the per-subscriber export of everything
 * held about one person (for the person's client, and client by client for a legal disclosure).
 * Suppressed addresses are never exported as active.
 */
@Service
public class Exports {

    private static final int PAGE = 1000;
    // UUIDs compare as unsigned 128-bit numbers on PostgreSQL and H2 2.x, so all zeros is below every id.
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    private final SubscriberStore store;
    private final SuppressionStore suppressions;
    private final ListStore lists;
    private final ConsentStore consent;
    private final CustomFields fields;
    private final Subscribers subscribers;
    private final TenantScope scope;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ActivityTimeline activity;
    private final SubscriberAssembly assembly;
    private final ImportStore importStore;

    public Exports(SubscriberStore store, SuppressionStore suppressions, ListStore lists, ConsentStore consent,
                   CustomFields fields, Subscribers subscribers, TenantScope scope, AuditLog audit, JsonMapper json,
                   ActivityTimeline activity, SubscriberAssembly assembly, ImportStore importStore) {
        this.activity = activity;
        this.assembly = assembly;
        this.importStore = importStore;
        this.store = store;
        this.suppressions = suppressions;
        this.lists = lists;
        this.consent = consent;
        this.fields = fields;
        this.subscribers = subscribers;
        this.scope = scope;
        this.audit = audit;
        this.json = json;
    }

    /** Checks the request before any byte is written, so a bad list id is a clean error, not a broken download. */
    public void checkList(Actor actor, UUID listId) {
        UUID clientId = actor.requireClient();
        if (listId != null && scope.inClient(clientId, () -> lists.find(clientId, listId)).isEmpty()) {
            throw ValidationException.of("listId", "names a list that does not exist");
        }
    }

    public void csv(Actor actor, UUID listId, OutputStream out) {
        checkList(actor, listId);
        UUID clientId = actor.clientId();
        List<CustomField> defs = fields.listFor(clientId);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            List<String> header = new ArrayList<>(List.of("email", "name", "status", "created_at"));
            defs.forEach(f -> header.add(f.key()));
            csv.writeRecord(header);
            pages(clientId, listId, defs, (row, values) -> {
                List<String> cells = new ArrayList<>(List.of(row.email(), nz(row.name()), row.status().wireName(),
                        row.createdAt().toString()));
                for (CustomField f : defs) {
                    Object v = values.get(f.key());
                    cells.add(v instanceof List<?> l ? FieldValues.joined(l) : v == null ? "" : v.toString());
                }
                csv.writeRecord(cells.stream().map(CsvCells::safe).toList());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, clientId, "subscribers.exported", listId == null ? "all" : "list:" + listId, "csv");
    }

    public void json(Actor actor, UUID listId, OutputStream out) {
        checkList(actor, listId);
        UUID clientId = actor.clientId();
        List<CustomField> defs = fields.listFor(clientId);
        try {
            out.write('[');
            boolean[] first = {true};
            pages(clientId, listId, defs, (row, values) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", row.id().toString());
                item.put("email", row.email());
                item.put("name", row.name());
                item.put("status", row.status().wireName());
                item.put("createdAt", row.createdAt().toString());
                item.put("fields", values);
                out.write(first[0] ? "\n".getBytes(StandardCharsets.UTF_8) : ",\n".getBytes(StandardCharsets.UTF_8));
                first[0] = false;
                out.write(json.writeValueAsBytes(item));
            });
            out.write("\n]\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, clientId, "subscribers.exported", listId == null ? "all" : "list:" + listId, "json");
    }

    /**
     * Everything held about one subscriber: profile, fields, memberships, the consent ledger with
     * the imports it names (file hash and attestation), and the activity timeline.
     */
    public Map<String, Object> person(Actor actor, UUID id) {
        Subscriber s = subscribers.get(actor, id);
        UUID clientId = actor.clientId();
        Map<String, Object> all = scope.inClient(clientId, () -> record(clientId, s));
        audit.record(actor, clientId, "subscriber.exported", "subscriber:" + id, null);
        return all;
    }

    /**
     * Everything client {@code clientId} holds about {@code email}, for a legal disclosure: the
     * subscriber's record as {@link #person} builds it (or {@code subscriber: null} when the client
     * has no subscriber with that address), its suppression of the address and its erasure
     * tombstones. Runs in that client's scope and writes nothing to the client's audit trail: the
     * disclosure is audited once, by the platform, where no client reads it.
     */
    public Map<String, Object> heldAbout(UUID clientId, EmailAddress email) {
        return scope.inClient(clientId, () -> {
            Map<String, Object> all = new LinkedHashMap<>();
            Optional<Subscriber> found = store.findByKey(clientId, email.key()).map(row -> assembly.assemble(clientId, row));
            if (found.isPresent()) {
                all.putAll(record(clientId, found.get()));
            } else {
                all.put("subscriber", null);
            }
            all.put("suppression", suppressions.clientEntry(clientId, email.hash()).map(Exports::suppression).orElse(null));
            all.put("erasures", consent.tombstones(clientId, email.hash()).stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("erasedAt", t.erasedAt().toString());
                m.put("erasedBy", t.erasedBy());
                m.put("reason", t.reason());
                return m;
            }).toList());
            return all;
        });
    }

    /** A suppression as exports show it. */
    static Map<String, Object> suppression(Suppression x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", x.email());
        m.put("emailHash", x.emailHash());
        m.put("reason", x.reason());
        m.put("source", x.source());
        m.put("platformWide", x.platformWide());
        m.put("createdAt", x.createdAt().toString());
        return m;
    }

    /** One subscriber's record, in the client's scope. */
    private Map<String, Object> record(UUID clientId, Subscriber s) {
        Map<String, Object> all = new LinkedHashMap<>();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", s.id().toString());
        profile.put("email", s.email());
        profile.put("name", s.name());
        profile.put("status", s.status().wireName());
        profile.put("createdAt", s.createdAt().toString());
        profile.put("updatedAt", s.updatedAt().toString());
        all.put("subscriber", profile);
        all.put("fields", s.fields());
        all.put("lists", s.lists().stream().map(m -> Map.of("listId", m.listId().toString(), "name", m.listName(),
                "status", m.status().wireName(), "updatedAt", m.updatedAt().toString())).toList());
        List<ConsentEvent> ledger = consent.ledger(clientId, s.id());
        all.put("consent", ledger);
        all.put("imports", imports(clientId, ledger));
        all.put("activity", activity.of(clientId, s.id(), ledger));
        return all;
    }

    /** The imports the ledger names, with the file's hash and the client's opt-in attestation. */
    private List<Map<String, Object>> imports(UUID clientId, List<ConsentEvent> ledger) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (ConsentEvent e : ledger) {
            if (e.sourceKind() == ConsentChannel.IMPORT && e.sourceId() != null) {
                try {
                    ids.add(UUID.fromString(e.sourceId()));
                } catch (IllegalArgumentException notAnId) {
                    // An import is always named by its id; anything else names no import row.
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (UUID id : ids) {
            importStore.find(clientId, id).map(ImportStore.Row::job).ifPresent(job -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", job.id().toString());
                m.put("fileName", job.fileName());
                m.put("fileSha256", job.fileSha256());
                m.put("fileBytes", job.fileBytes());
                m.put("attestation", job.attestation());
                m.put("attestedBy", job.attestedBy());
                m.put("createdAt", job.createdAt().toString());
                m.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
                m.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
                out.add(m);
            });
        }
        return out;
    }

    /** Receives one exported row with its field values by key. */
    private interface RowWriter {
        void write(SubscriberRow row, Map<String, Object> values) throws IOException;
    }

    private void pages(UUID clientId, UUID listId, List<CustomField> defs, RowWriter writer) throws IOException {
        UUID after = BEFORE_ALL;
        while (true) {
            UUID cursor = after;
            List<SubscriberRow> page = scope.inClient(clientId, () -> store.exportPage(clientId, listId, cursor, PAGE));
            if (page.isEmpty()) {
                return;
            }
            Map<String, SubscriberRow> byHash = new LinkedHashMap<>();
            page.forEach(r -> byHash.put(EmailAddress.of("email", r.email()).hash(), r));
            Set<String> suppressed = scope.inClient(clientId, () -> suppressions.suppressed(clientId, byHash.keySet()));
            for (var entry : byHash.entrySet()) {
                if (suppressed.contains(entry.getKey())) {
                    continue;
                }
                SubscriberRow row = entry.getValue();
                Map<String, Object> values = new LinkedHashMap<>();
                for (CustomField f : defs) {
                    Object v = FieldValues.display(row.slots().get(f.slot()));
                    if (v != null) {
                        values.put(f.key(), v);
                    }
                }
                writer.write(row, values);
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
