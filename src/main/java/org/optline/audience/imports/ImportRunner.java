package org.optline.audience.imports;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.optline.audience.AudienceProperties;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.audience.ImportJob;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.Clients;
import org.optline.platform.DaemonThreads;
import org.optline.platform.DataDirectory;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs queued imports in the background, one at a time per node. A job is claimed with a lease
 * that each batch renews; a node that dies stops renewing, and any node takes the job over once the
 * lease has run out, continuing from the checkpoint (the number of records already stored), which
 * each batch moves in its own transaction. So a restarted import neither skips nor repeats rows.
 *
 * <p>On H2 a batch is {@link ImportBatch}: batched JDBC, {@code importBatchSize} rows. On
 * PostgreSQL a chunk of {@code importChunkSize} rows goes through {@link ImportCopy} (COPY into a
 * staging table, then a set-based merge), and a second thread parses the next chunk while the
 * database merges this one: at most one parsed chunk waits, handed over when the merge is done.
 */
@Component
public class ImportRunner implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Rejected and flagged rows kept per import, the first by line. */
    public static final int MAX_ISSUES = 1000;

    private final ImportStore store;
    private final ImportBatch batch;
    private final CustomFields fields;
    private final DataDirectory data;
    private final TenantScope scope;
    private final Clock clock;
    private final int batchSize;
    private final Duration poll;
    private final ExecutorService worker = DaemonThreads.singleThread("optline-import");
    private final ExecutorService parser = DaemonThreads.singleThread("optline-import-parse");
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ImportCopy copy;
    private final int chunkSize;
    private final Clients clients;

    public ImportRunner(ImportStore store, SubscriberStore subscribers, MembershipStore memberships, ConsentStore consent,
                        SuppressionStore suppressions,
                        CustomFields fields, DataDirectory data, TenantScope scope, Clock clock, Clients clients,
                        AudienceProperties settings, ApplicationEventPublisher events, ImportCopy copy,
                        ParentLocks parents) {
        this.copy = copy;
        this.chunkSize = settings.importChunkSize();
        this.clients = clients;
        this.store = store;
        this.batch = new ImportBatch(subscribers, memberships, consent, suppressions, events, parents);
        this.fields = fields;
        this.data = data;
        this.scope = scope;
        this.clock = clock;
        this.batchSize = settings.importBatchSize();
        this.poll = Duration.ofMillis(settings.importPollMs());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::poll, poll, Duration.ZERO));
    }

    /**
     * Looks for work every {@code importPollMs} (and at once when an import is started here, see
     * {@link #wake}); a node runs one import at a time so imports never starve sending.
     */
    public void poll() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            OffsetDateTime now = Times.now(clock);
            // A suspended client's imports wait, queued, until it is active again; they are left
            // out of the next look so they never fill it and stall every other client's.
            Set<UUID> held = new HashSet<>();
            for (int look = 0; look < 10; look++) {
                List<ImportStore.Claimable> jobs = scope.asPlatform(() -> store.claimable(now, held));
                if (jobs.isEmpty()) {
                    break;
                }
                for (ImportStore.Claimable job : jobs) {
                    if (held.contains(job.clientId())) {
                        continue;
                    }
                    if (!clients.standing(job.clientId()).mayWrite()) {
                        held.add(job.clientId());
                        continue;
                    }
                    String token = UUID.randomUUID().toString();
                    if (Boolean.TRUE.equals(scope.asPlatform(() -> store.claim(job.id(), token, now, now.plus(LEASE))))) {
                        worker.execute(() -> {
                            try {
                                run(job.clientId(), job.id(), token);
                            } finally {
                                busy.set(false);
                            }
                        });
                        return;
                    }
                }
            }
            busy.set(false);
        } catch (RuntimeException e) {
            busy.set(false);
            log.warn("Import poll failed: {}", e.toString());
        }
    }

    /**
     * Looks for work now instead of at the next poll: called once an import was queued and its
     * transaction committed, so a client watching the wizard sees it start at once. A node that is
     * busy with another import, or a look that does not see the commit yet, leaves it to the poll.
     */
    public void wake() {
        // On the import thread, off the caller's thread and transaction: idle, it looks at once and
        // then runs what it claimed; busy with an import, the look waits behind it and finds the
        // runner still busy, as any look would.
        worker.execute(this::poll);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        parser.shutdownNow();
    }

    void run(UUID clientId, UUID importId, String token) {
        ImportStore.Row row = scope.inClient(clientId, () -> store.find(clientId, importId)).orElse(null);
        if (row == null) {
            return;
        }
        ImportJob job = row.job();
        if (job.listId() == null) {
            finish(clientId, importId, token, "failed", "The list of this import was deleted.");
            return;
        }
        Map<String, CustomField> byKey = fields.listFor(clientId).stream()
                .collect(Collectors.toMap(CustomField::key, Function.identity()));
        Path file = data.forClient("imports", clientId).resolve(importId + ".csv");
        long issues = scope.inClient(clientId, () -> store.countIssues(clientId, importId));
        long[] record = {0}; // records stored so far, for the failure message
        try {
            if (scope.isPostgres()) {
                runByCopy(clientId, importId, token, row, byKey, file, issues, record);
            } else {
                runByBatch(clientId, importId, token, row, byKey, file, issues, record);
            }
            if (!Thread.currentThread().isInterrupted()) {
                finish(clientId, importId, token, "done", null);
            }
        } catch (ImportBatch.ListDeleted e) {
            finish(clientId, importId, token, "failed", e.getMessage());
        } catch (LeaseLost e) {
            log.info("Import {} was taken over by another node", importId);
        } catch (CsvParseException | UncheckedIOException e) {
            finish(clientId, importId, token, "failed", describe(e, record[0]));
        } catch (IOException e) {
            finish(clientId, importId, token, "failed", describe(e, record[0]));
        } catch (RuntimeException e) {
            // The class only: database messages can quote the row's values (an address), and logs
            // must not hold personal data.
            log.warn("Import {} failed: {}", importId, e.getClass().getName());
            finish(clientId, importId, token, "failed", "The import stopped after " + record[0] + " rows: " + e.getClass().getSimpleName());
        }
    }

    /** H2: batches of {@code batchSize} records read and stored in turn on this thread. */
    private void runByBatch(UUID clientId, UUID importId, String token, ImportStore.Row row, Map<String, CustomField> byKey,
                            Path file, long issues, long[] record) throws IOException {
        ImportJob job = row.job();
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file, row.separator())) {
            Iterator<CsvRecord> records = reader.iterator();
            record[0] = skipStored(records, job.rowsProcessed());
            List<CsvRecord> chunk = new ArrayList<>(batchSize);
            while (true) {
                chunk.clear();
                while (chunk.size() < batchSize && records.hasNext()) {
                    chunk.add(records.next());
                }
                if (chunk.isEmpty() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                record[0] += chunk.size();
                ImportBatch.Result result = write(clientId, importId, token, job, byKey, issues, record[0],
                        context -> batch.run(context, chunk));
                issues += result.issues().size();
            }
        }
    }

    /**
     * PostgreSQL: chunks of up to {@code chunkSize} records (smaller at first, {@link #firstChunkSize}),
     * parsed on a second thread while this one merges the previous chunk in its transaction. The
     * hand-over holds no chunk: the parser offers the next one and waits until the merge of this
     * one is done, so at most one parsed chunk waits (the heap holds about two chunks' COPY text and
     * one chunk's rows being parsed). The parser reports the end of the file, or the failure that
     * stopped it, through the same hand-over; the checkpoint moves only in a chunk's transaction,
     * as on H2.
     */
    private void runByCopy(UUID clientId, UUID importId, String token, ImportStore.Row row, Map<String, CustomField> byKey,
                           Path file, long issues, long[] record) {
        ImportJob job = row.job();
        var parsing = context(clientId, importId, job, byKey, null);
        List<String> slotColumns = ImportCopy.slotColumns(parsing);
        SynchronousQueue<Handed> handOver = new SynchronousQueue<>();
        long resumeAt = job.rowsProcessed();
        record[0] = resumeAt;
        Future<?> parse = parser.submit(() -> parse(file, row.separator(), resumeAt, parsing, slotColumns, handOver));
        try {
            long chunks = 0;
            while (true) {
                Handed handed;
                try {
                    handed = handOver.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the node is stopping: the lease runs out, another node resumes
                    return;
                }
                if (handed.failure() != null) {
                    throw handed.failure() instanceof IOException io ? new UncheckedIOException(io)
                            : (RuntimeException) handed.failure();
                }
                ImportCopy.Chunk chunk = handed.chunk();
                if (chunk == null || Thread.currentThread().isInterrupted()) {
                    return;
                }
                long next = record[0] + chunk.records();
                ImportBatch.Result result = write(clientId, importId, token, job, byKey, issues, next,
                        context -> copy.merge(context, chunk));
                record[0] = next;
                issues += result.issues().size();
                chunks++;
                // After chunks 1, 2, 4, 8, …: each time the import has at least doubled what it
                // added, which is when the tables' statistics can have gone stale enough to change a
                // plan (a small sample of the joined columns, ImportStore.sql).
                if (Long.bitCount(chunks) == 1) {
                    refreshStatistics(clientId);
                }
            }
        } finally {
            parse.cancel(true);
        }
    }

    /**
     * Moves {@code records} past the header row and the {@code stored} records a run before this
     * one stored (a restart resumes at its checkpoint); answers how many records it passed.
     */
    private static long skipStored(Iterator<CsvRecord> records, long stored) {
        if (records.hasNext()) {
            records.next(); // the header row
        }
        long skipped = 0;
        while (skipped < stored && records.hasNext()) {
            records.next();
            skipped++;
        }
        return skipped;
    }

    /** What the parser hands over: a chunk, the end of the file (no chunk), or why it stopped. */
    private record Handed(ImportCopy.Chunk chunk, Exception failure) {}

    /** The parsing thread: reads the file from the checkpoint on and hands over one chunk at a time. */
    private void parse(Path file, char separator, long resumeAt, ImportBatch.Context ctx, List<String> slotColumns,
                       SynchronousQueue<Handed> handOver) {
        try {
            try (CsvReader<CsvRecord> reader = CsvFiles.open(file, separator)) {
                Iterator<CsvRecord> records = reader.iterator();
                skipStored(records, resumeAt);
                int size = firstChunkSize(chunkSize);
                while (!Thread.currentThread().isInterrupted()) {
                    ImportBatch.Parsed parsed = new ImportBatch.Parsed();
                    long read = 0;
                    while (read < size && records.hasNext() && !Thread.currentThread().isInterrupted()) {
                        parsed.add(ctx, records.next());
                        read++;
                    }
                    if (read == 0) {
                        handOver.put(new Handed(null, null));
                        return;
                    }
                    ImportCopy.Chunk chunk = ImportCopy.encode(slotColumns, read, parsed);
                    parsed = null; // the rows are garbage once encoded, also while the hand-over waits
                    handOver.put(new Handed(chunk, null));
                    size = nextChunkSize(size, chunkSize);
                }
            } catch (IOException | RuntimeException e) {
                handOver.put(new Handed(null, e));
            }
        } catch (InterruptedException e) {
            // The runner stopped waiting (it finished, failed or is stopping): nothing to hand over.
        }
    }

    /**
     * The first chunk is small so that the database starts work after a fraction of a second, not
     * after a whole chunk's parse (about 1.5 s at 100,000 rows); the chunks then grow by half each
     * time, about as fast as parsing the next one keeps up with merging this one, up to {@code max}.
     */
    static int firstChunkSize(int max) {
        return Math.min(max, Math.max(5_000, max / 16));
    }

    static int nextChunkSize(int size, int max) {
        return (int) Math.min(max, size + (long) size / 2);
    }

    /**
     * Writes one batch or chunk with {@code writer} in one transaction of the client's, together
     * with its rejected and flagged rows (up to {@link #MAX_ISSUES} per import, {@code issuesSoFar}
     * kept already) and the checkpoint {@code next}, which also renews the lease; a lease another
     * node has taken over rolls it all back.
     */
    private ImportBatch.Result write(UUID clientId, UUID importId, String token, ImportJob job, Map<String, CustomField> byKey,
                                     long issuesSoFar, long next, Function<ImportBatch.Context, ImportBatch.Result> writer) {
        OffsetDateTime now = Times.now(clock);
        var context = context(clientId, importId, job, byKey, now);
        return scope.inClient(clientId, () -> {
            ImportBatch.Result r = writer.apply(context);
            List<ImportStore.Issue> kept = r.issues().subList(0, (int) Math.max(0,
                    Math.min(r.issues().size(), MAX_ISSUES - issuesSoFar)));
            store.insertIssues(clientId, importId, kept);
            if (!store.progress(clientId, importId, token, r.progress(), next, now.plus(LEASE))) {
                throw new LeaseLost();
            }
            return r;
        });
    }

    /** What a batch or chunk of this import needs to know, as of {@code now} (null while parsing). */
    private static ImportBatch.Context context(UUID clientId, UUID importId, ImportJob job, Map<String, CustomField> byKey,
                                               OffsetDateTime now) {
        return new ImportBatch.Context(clientId, importId, job.listId(), job.fileSha256(), job.attestation(),
                job.attestedBy(), null, job.columns(), byKey, now);
    }

    /**
     * A large import can grow the subscriber tables many times over within minutes, faster than
     * autovacuum re-plans them; stale statistics make PostgreSQL pick plans meant for tiny tables.
     */
    private void refreshStatistics(UUID clientId) {
        scope.inClient(clientId, store::refreshStatistics);
    }

    private void finish(UUID clientId, UUID importId, String token, String status, String error) {
        if (!scope.inClient(clientId, () -> store.finish(clientId, importId, token, status, error, Times.now(clock)))) {
            return; // another node holds the job now and still needs the file
        }
        // The upload is no longer needed once the import has ended; its hash stays with the import.
        try {
            Files.deleteIfExists(data.forClient("imports", clientId).resolve(importId + ".csv"));
        } catch (IOException e) {
            log.warn("Could not delete the file of import {}: {}", importId, e.getClass().getName());
        }
    }

    private static String describe(Exception e, long record) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof CharacterCodingException) {
            return "The file is not UTF-8 text (after row " + record + "). Save it as UTF-8 CSV and import it again.";
        }
        if (cause instanceof CsvParseException) {
            return "The file is not valid CSV after row " + record + ": " + cause.getMessage()
                    + ". Rows before it were imported.";
        }
        return "The file could not be read after row " + record + ": " + cause.getMessage();
    }

    /** The job's lease passed to another node while this one was working. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
