package org.optline.audience;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.optline.audience.imports.CsvFiles;
import org.optline.audience.imports.CsvLayout;
import org.optline.audience.imports.ImportRunner;
import org.optline.audience.imports.ImportStore;
import org.optline.audience.imports.RejectedRowsCsv;
import org.optline.audience.imports.UploadedFile;
import org.optline.audience.lists.ListStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.DataDirectory;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * CSV imports: upload (the file goes to disk, its columns are matched to email, name and custom
 * fields), then start with an attestation that the list is opted in; the rows are imported in the
 * background by the import runner.
 */
@Service
public class Imports {

    /** Beyond this a file is not a subscriber list (thirty custom fields is the most a client has). */
    static final int MAX_COLUMNS = 500;
    static final int MAX_HEADER_LENGTH = 200;

    private final ImportRunner runner;
    private final ImportStore store;
    private final ListStore lists;
    private final CustomFields fields;
    private final DataDirectory data;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxBytes;

    public Imports(ImportStore store, ListStore lists, CustomFields fields, DataDirectory data, TenantScope scope,
                   AuditLog audit, Clock clock, AudienceProperties settings, ImportRunner runner) {
        this.runner = runner;
        this.store = store;
        this.lists = lists;
        this.fields = fields;
        this.data = data;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = settings.maxImportBytes();
    }

    /** Stores the file and proposes a column mapping; nothing is imported until {@link #start}. */
    public ImportJob upload(Actor actor, UUID listId, String fileName, InputStream content) {
        UUID clientId = actor.requireClientWriter();
        if (listId == null) {
            throw ValidationException.of("listId", "is required");
        }
        scope.inClient(clientId, () -> lists.find(clientId, listId))
                .orElseThrow(() -> ValidationException.of("listId", "names a list that does not exist"));
        UUID id = UUID.randomUUID();
        Path target = data.forClient("imports", clientId).resolve(id + ".csv");
        try {
            UploadedFile file = UploadedFile.copy(content, target, maxBytes);
            String firstLine = firstLine(target);
            char separator = CsvLayout.detectSeparator(firstLine);
            List<String> headers = headers(target, separator);
            if (headers.stream().allMatch(String::isEmpty)) {
                throw ValidationException.of("file", "has no header row");
            }
            List<String> targets = CsvLayout.match(headers, fields.listFor(clientId));
            var layout = new CsvLayout(separator, headers, targets);
            String name = cleanName(fileName);
            scope.inClient(clientId, () -> store.insert(id, clientId, listId, name, file.sha256(), file.bytes(), separator,
                    headers, layout.encodeTargets(), file.records(), Times.now(clock)));
            return get(actor, id);
        } catch (IOException e) {
            deleteQuietly(target);
            throw ValidationException.of("file", "could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /**
     * Starts an uploaded import with the given column targets (null: keep the proposed ones) and the
     * client's attestation that everybody in the file opted in, which is stored with the import and
     * written into each new subscriber's consent ledger.
     */
    public ImportJob start(Actor actor, UUID id, List<String> targets, String attestation) {
        UUID clientId = actor.requireClientWriter();
        if (attestation == null || attestation.strip().isEmpty()) {
            throw ValidationException.of("attestation", "is required: state how and when these people opted in");
        }
        TextFields.atMost("attestation", attestation, 2000);
        ImportJob queued = scope.inClient(clientId, () -> {
            ImportStore.Row row = store.find(clientId, id).orElseThrow(() -> new NotFoundException("No import " + id));
            List<String> chosen = targets == null ? row.job().columns() : targets;
            validateTargets(clientId, row.job().headers().size(), chosen);
            var layout = new CsvLayout(row.separator(), row.job().headers(), chosen);
            if (!store.queue(clientId, id, layout.encodeTargets(), attestation.strip(), actor.label(), actor.sourceIp(),
                    Times.now(clock))) {
                throw new ConflictException("This import has already been started");
            }
            audit.record(actor, clientId, "import.started", "import:" + id,
                    "sha256=" + row.job().fileSha256() + " attestation=" + attestation.strip());
            return store.find(clientId, id).orElseThrow().job();
        });
        runner.wake(); // committed: start it now rather than at the runner's next poll
        return queued;
    }

    public ImportJob get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> new NotFoundException("No import " + id)).job();
    }

    /** Rejected ("error") or flagged ("flag") rows, by line; at most the first 1000 of each import are kept. */
    public List<ImportJob.Issue> issues(Actor actor, UUID id, String kind, int limit) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> new NotFoundException("No import " + id));
            return store.issues(clientId, id, kind, limit);
        });
    }

    /**
     * Writes the import's rejected rows as a CSV file to fix and import again
     * ({@link RejectedRowsCsv}): the first {@value ImportRunner#MAX_ISSUES} kept, by line.
     */
    public void writeRejectedRows(Actor actor, UUID id, OutputStream out) {
        UUID clientId = actor.requireClient();
        Rejected rejected = scope.inClient(clientId, () -> {
            ImportStore.Row row = store.find(clientId, id).orElseThrow(() -> new NotFoundException("No import " + id));
            return new Rejected(row, store.rejectedRows(clientId, id, ImportRunner.MAX_ISSUES));
        });
        RejectedRowsCsv.write(rejected.row().job().headers(), rejected.row().separator(), rejected.rows(),
                new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    private record Rejected(ImportStore.Row row, List<ImportStore.RejectedRow> rows) {}

    /** The first {@code rows} data rows of an uploaded file, for the column-mapping page. */
    public List<List<String>> preview(Actor actor, UUID id, int rows) {
        UUID clientId = actor.requireClient();
        ImportStore.Row row = scope.inClient(clientId, () -> store.find(clientId, id))
                .orElseThrow(() -> new NotFoundException("No import " + id));
        Path file = data.forClient("imports", clientId).resolve(id + ".csv");
        List<List<String>> sample = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file, row.separator())) {
            Iterator<CsvRecord> it = reader.iterator();
            if (it.hasNext()) {
                it.next();
            }
            while (it.hasNext() && sample.size() < rows) {
                sample.add(it.next().getFields());
            }
        } catch (IOException | RuntimeException e) {
            // A preview is a courtesy; the import itself reports unreadable rows properly.
        }
        return sample;
    }

    /**
     * Deletes uploads that were never started and were made before {@code before}, with their
     * files; answers how many. Runs in platform scope over every client.
     */
    public int expireUnstarted(Instant before) {
        OffsetDateTime cutoff = before.atOffset(ZoneOffset.UTC);
        int deleted = 0;
        for (ImportStore.Claimable upload : scope.asPlatform(() -> store.unstartedBefore(cutoff))) {
            if (scope.inClient(upload.clientId(), () -> store.deleteUnstarted(upload.clientId(), upload.id()))) {
                deleteQuietly(data.forClient("imports", upload.clientId()).resolve(upload.id() + ".csv"));
                deleted++;
            }
        }
        return deleted;
    }

    public List<ImportJob> recent(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId, 20)).stream().map(ImportStore.Row::job).toList();
    }

    private void validateTargets(UUID clientId, int columns, List<String> targets) {
        if (targets.size() != columns) {
            throw ValidationException.of("columns", "must name a target for each of the " + columns + " columns");
        }
        Map<String, CustomField> byKey = fields.listFor(clientId).stream()
                .collect(Collectors.toMap(CustomField::key, Function.identity()));
        Set<String> seen = new HashSet<>();
        for (String target : targets) {
            if (target == null) {
                continue;
            }
            if (!target.equals(CsvLayout.EMAIL) && !target.equals(CsvLayout.NAME) && !byKey.containsKey(target)) {
                throw ValidationException.of("columns", "'" + target + "' is not email, name or a custom field");
            }
            if (!seen.add(target)) {
                throw ValidationException.of("columns", "'" + target + "' is mapped to two columns");
            }
        }
        if (!seen.contains(CsvLayout.EMAIL)) {
            throw ValidationException.of("columns", "no column is mapped to email; name a column 'email'");
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (MalformedInputException e) {
            throw ValidationException.of("file", "is not UTF-8 text; save it as UTF-8 CSV");
        }
    }

    private static List<String> headers(Path file, char separator) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file, separator)) {
            Iterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                return List.of();
            }
            List<String> fields = it.next().getFields();
            if (fields.size() > MAX_COLUMNS) {
                throw ValidationException.of("file", "has " + fields.size() + " columns; at most " + MAX_COLUMNS
                        + " columns are supported");
            }
            List<String> headers = new ArrayList<>();
            for (String h : fields) {
                String header = CsvFiles.cleanHeader(h).replace('\t', ' ');
                if (header.indexOf('\0') >= 0) {
                    throw ValidationException.of("file", "has a NUL character in its header row; is it a CSV file?");
                }
                if (header.length() > MAX_HEADER_LENGTH) {
                    throw ValidationException.of("file", "has a header cell of " + header.length() + " characters (at most "
                            + MAX_HEADER_LENGTH + "); is the first row a header row?");
                }
                headers.add(header);
            }
            return headers;
        } catch (UncheckedIOException | CsvParseException e) {
            throw ValidationException.of("file", "has an unreadable header row: " + e.getMessage());
        }
    }

    /** The file's own name as the browser sent it: no folders, no control characters, 300 at most. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "upload.csv";
        }
        return name.length() > 300 ? name.substring(0, 300) : name;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the upload failed already; a stray file is harmless and reported by nothing
        }
    }
}
