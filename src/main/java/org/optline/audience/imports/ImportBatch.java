package org.optline.audience.imports;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.CustomField;
import org.optline.audience.EmailAddress;
import org.optline.audience.MembershipStatus;
import org.optline.audience.SubscriptionsStarted;
import org.optline.audience.fields.FieldValues;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.TextFields;
import org.optline.platform.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One batch of an import, as set-based as JDBC allows: parse and validate every row in memory,
 * then one probe each for suppressed and existing addresses, then batched inserts and updates of
 * subscribers (a multi field's values in its array slot) and memberships, each new membership
 * pointing at the import's one consent row with its line of the file. The caller runs it in one
 * transaction together with the progress update, so a batch is stored entirely or not at all.
 */
final class ImportBatch {

    /** The parts of an import a batch needs. */
    record Context(UUID clientId, UUID importId, UUID listId, String fileSha256, String attestation, String attestedBy,
                   String sourceIp, List<String> targets, Map<String, CustomField> fields, OffsetDateTime now) {

        /** What the import attests, for its one consent ledger row. */
        ConsentStore.ImportEvidence evidence() {
            return new ConsentStore.ImportEvidence(importId, listId, sourceIp, attestation, fileSha256, attestedBy);
        }
    }

    /** A row that passed validation. */
    record Row(long line, EmailAddress email, String name, Map<String, Object> slots) {}

    private final SubscriberStore subscribers;
    private final MembershipStore memberships;
    private final ConsentStore consent;
    private final SuppressionStore suppressions;
    private final ApplicationEventPublisher events;
    private final ParentLocks parents;

    ImportBatch(SubscriberStore subscribers, MembershipStore memberships, ConsentStore consent, SuppressionStore suppressions,
                ApplicationEventPublisher events, ParentLocks parents) {
        this.parents = parents;
        this.events = events;
        this.subscribers = subscribers;
        this.memberships = memberships;
        this.consent = consent;
        this.suppressions = suppressions;
    }

    /**
     * A chunk's rows as validated and de-duplicated in line order: the valid rows by address key
     * (first occurrence's place, later rows' non-empty cells merged in), the rejected rows' issues,
     * and the counts. Both import paths fill it one record at a time, so they agree row for row.
     */
    static final class Parsed {
        final Map<String, Row> rows = new LinkedHashMap<>();
        final List<ImportStore.Issue> issues = new ArrayList<>();
        long rejected;
        /** Rows whose address an earlier row of the chunk had: each counts as an update. */
        long duplicates;

        void add(Context ctx, CsvRecord record) {
            Row row = parse(ctx, record, issues);
            if (row == null) {
                rejected++;
                return;
            }
            Row earlier = rows.get(row.email().key());
            if (earlier != null) {
                duplicates++; // the same address twice: the later row's non-empty cells win, as across batches
                row = merge(earlier, row);
            }
            rows.put(row.email().key(), row);
        }
    }

    /** Imports {@code records}; answers the counts and the rows to report as rejected or flagged. */
    Result run(Context ctx, List<CsvRecord> records) {
        Parsed parsed = new Parsed();
        records.forEach(record -> parsed.add(ctx, record));
        List<ImportStore.Issue> issues = parsed.issues;
        long rejected = parsed.rejected;
        long flagged = 0;
        long updated = parsed.duplicates;
        Map<String, Row> rows = parsed.rows;
        Map<String, String> hashToKey = new HashMap<>();
        rows.values().forEach(r -> hashToKey.put(r.email().hash(), r.email().key()));
        Set<String> suppressed = suppressions.suppressed(ctx.clientId(), hashToKey.keySet());
        suppressed.forEach(h -> rows.remove(hashToKey.get(h)));

        // The parents, each once per batch (its transaction), before any child is written: on
        // PostgreSQL they stand in for the foreign keys (ParentLocks, docs/audience.md).
        if (!parents.lockList(ctx.clientId(), ctx.listId())) {
            throw new ListDeleted();
        }
        Map<String, SubscriberStore.Existing> existing = new HashMap<>(subscribers.existing(ctx.clientId(), rows.keySet()));
        var present = parents.lockSubscribers(ctx.clientId(), existing.values().stream().map(SubscriberStore.Existing::id).toList());
        long erasedMeanwhile = 0;
        for (var it = existing.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!present.contains(entry.getValue().id())) {
                // Erased since the probe: the erasure suppressed the address, so it is skipped as suppressed.
                it.remove();
                rows.remove(entry.getKey());
                erasedMeanwhile++;
            }
        }
        List<SubscriberStore.NewSubscriber> inserts = new ArrayList<>();
        List<SubscriberStore.ProfileUpdate> updates = new ArrayList<>();
        Map<UUID, Row> byId = new LinkedHashMap<>();
        Set<UUID> created = new HashSet<>();
        for (Row row : rows.values()) {
            SubscriberStore.Existing found = existing.get(row.email().key());
            if (found == null) {
                UUID id = TimeOrderedIds.next(); // in line order: new rows go to the right edge of the id index
                inserts.add(new SubscriberStore.NewSubscriber(id, row.email().value(), row.email().key(), row.name(), row.slots()));
                byId.put(id, row);
                created.add(id);
            } else {
                updates.add(new SubscriberStore.ProfileUpdate(found.id(), row.name() != null, row.name(), row.slots()));
                byId.put(found.id(), row);
                updated++;
            }
            Optional<ImportStore.Issue> flag = flag(row);
            if (flag.isPresent()) {
                flagged++;
                issues.add(flag.get());
            }
        }
        if (!inserts.isEmpty()) {
            parents.lockClient(ctx.clientId());
        }
        subscribers.insertAll(ctx.clientId(), inserts, ctx.now());
        subscribers.updateAll(ctx.clientId(), updates, ctx.now());

        Map<UUID, MembershipStatus> inList = memberships.membershipsInList(ctx.clientId(), ctx.listId(),
                existing.values().stream().map(SubscriberStore.Existing::id).toList());
        List<UUID> joining = new ArrayList<>();
        long leftBefore = 0;
        for (UUID id : byId.keySet()) {
            MembershipStatus status = inList.get(id);
            if (status == null) {
                joining.add(id);
            } else if (status == MembershipStatus.UNSUBSCRIBED) {
                leftBefore++; // they left this list themselves: an import never puts them back
            }
        }
        if (!joining.isEmpty()) {
            // One ledger row for the whole import, written with the first batch that adds anyone and
            // found again by every later one; each new membership points at it with its line.
            long consentRow = consent.importRow(ctx.clientId(), ctx.evidence(), ctx.now());
            // An import is the client's attestation that these people opted in, so they join confirmed.
            memberships.insertImported(ctx.clientId(), ctx.listId(), consentRow, joining.stream()
                    .map(id -> new MembershipStore.ImportedMember(id, byId.get(id).line())).toList(),
                    MembershipStatus.CONFIRMED, ctx.now());
            // One event for the whole batch, in its transaction (see SubscriptionsStarted).
            events.publishEvent(new SubscriptionsStarted(ctx.clientId(), ctx.listId(), joining.stream()
                    .map(id -> new SubscriptionsStarted.Joined(id, byId.get(id).email().value(), created.contains(id)))
                    .toList(), "import", ctx.now()));
        }
        return new Result(new ImportStore.Progress(created.size(), updated, rejected,
                suppressed.size() + erasedMeanwhile + leftBefore, flagged), issues);
    }

    /** The import's list was deleted while it ran: the import fails, keeping what it stored. */
    static final class ListDeleted extends RuntimeException {
        ListDeleted() {
            super("The list of this import was deleted.", null, false, false);
        }
    }

    /** The flag of a row whose address is worth a look (a role address, say), if it is one. */
    static Optional<ImportStore.Issue> flag(Row row) {
        return row.email().concern()
                .map(concern -> new ImportStore.Issue(row.line(), "flag", row.email().value() + ": " + concern));
    }

    /** What a batch did. */
    record Result(ImportStore.Progress progress, List<ImportStore.Issue> issues) {}

    /** Validates one CSV record; null (with an issue naming its line) when it cannot be imported. */
    static Row parse(Context ctx, CsvRecord record, List<ImportStore.Issue> issues) {
        long line = record.getStartingLineNumber();
        String name = null;
        EmailAddress email = null;
        Map<String, Object> slots = new HashMap<>();
        List<String> targets = ctx.targets();
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            if (target == null) {
                continue;
            }
            String cell = i < record.getFieldCount() ? record.getField(i) : "";
            if (cell.indexOf('\0') >= 0) {
                // No database stores one in text, and the cell is not quoted back: it would not store either.
                issues.add(rejected(record, "column " + (i + 1) + " holds a NUL character"));
                return null;
            }
            if (CsvLayout.EMAIL.equals(target)) {
                EmailAddress.Parse parse = EmailAddress.parse(cell);
                if (!parse.ok()) {
                    issues.add(rejected(record, "email '" + shorten(cell) + "' " + parse.error()));
                    return null;
                }
                email = parse.address();
            } else if (CsvLayout.NAME.equals(target)) {
                String value = cell.strip();
                if (value.length() > 200) {
                    issues.add(rejected(record, "name " + TextFields.tooLong(200)));
                    return null;
                }
                name = value.isEmpty() ? null : value;
            } else {
                CustomField field = ctx.fields().get(target);
                FieldValues.Result result = FieldValues.convert(field, cell);
                if (result.error() != null) {
                    issues.add(rejected(record, "column '" + field.label() + "' " + result.error()));
                    return null;
                }
                if (result.value() != null) {
                    // An empty cell leaves the stored value alone, a multi field's values too; a
                    // non-empty one replaces them.
                    slots.put(field.slot(), result.value());
                }
            }
        }
        if (email == null) {
            issues.add(rejected(record, "no email address"));
            return null;
        }
        // A compact copy: a chunk of 100,000 parsed rows waits in memory on the PostgreSQL path.
        return new Row(line, email, name, Map.copyOf(slots));
    }

    /** A rejected row, with its original cells so it can be downloaded, fixed and imported again. */
    private static ImportStore.Issue rejected(CsvRecord record, String message) {
        String cells = CsvFiles.encodeRow(record.getFields());
        // No database stores a NUL in text: such a row is listed by line without its cells.
        return new ImportStore.Issue(record.getStartingLineNumber(), "error", message, cells.indexOf('\0') >= 0 ? null : cells);
    }

    static Row merge(Row earlier, Row later) {
        Map<String, Object> slots = new HashMap<>(earlier.slots());
        slots.putAll(later.slots());
        return new Row(later.line(), later.email(), later.name() != null ? later.name() : earlier.name(), slots);
    }

    private static String shorten(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }
}
