package org.optline.compliance.termination;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.DataDirectory;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Terminations as the operator and the export link see them: a job begun when a client is
 * terminated, its progress, the operator's "purge now", and the download of the export by the
 * operator or by the token the client's admins were mailed. The background work (writing the
 * export, purging) is {@link TerminationWorker}'s.
 */
@Service
public class Terminations {

    /** Where export files live under the data directory, one directory per client. */
    static final String AREA = "terminations";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TerminationStore store;
    private final TenantScope scope;
    private final DataDirectory data;
    private final AuditLog audit;
    private final Clock clock;

    Terminations(TerminationStore store, TenantScope scope, DataDirectory data, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
    }

    /** An export file ready to stream, with the name it is downloaded under. */
    public record Download(Path file, String fileName, long bytes) {}

    /** What a download link leads to. */
    public sealed interface LinkTarget {
        /** The export, still available. */
        record Available(Download download) implements LinkTarget {}

        /** A link that was valid, whose time is up (or whose file is gone). */
        record Expired(OffsetDateTime expiredAt) implements LinkTarget {}

        /** No such link. */
        record Unknown() implements LinkTarget {}
    }

    /** Records that the client is terminated and its export is to be written; a repeat does nothing. */
    void begin(UUID clientId, String reason) {
        try {
            boolean created = scope.asPlatform(() -> store.insert(clientId, reason, Times.now(clock)));
            if (created) {
                audit.record(Actor.system("termination"), clientId, "termination.begun", "client:" + clientId,
                        "export to be written, then purge");
            }
        } catch (DuplicateKeyException e) {
            // Another node recorded the same termination at the same moment.
        }
    }

    /** The termination of a client, for the operator. */
    public TerminationJob status(Actor operator, UUID clientId) {
        operator.requireOperator();
        return scope.asPlatform(() -> store.find(clientId))
                .orElseThrow(() -> new NotFoundException("No termination of client " + clientId));
    }

    /** The termination if there is one (operator pages show it beside the client). */
    TerminationJob find(UUID clientId) {
        return scope.asPlatform(() -> store.find(clientId)).orElse(null);
    }

    /**
     * The operator's "purge now": once the export is made, the purge need not wait for the end of
     * the export's window. The export file stays downloadable until then.
     */
    public TerminationJob requestPurge(Actor operator, UUID clientId) {
        TerminationJob job = status(operator, clientId);
        if (!job.purgeMayBeRequested()) {
            throw new ConflictException(switch (job.state()) {
                case EXPORTING -> "The export is still being written; the purge can start once it is ready";
                default -> job.purgeRequestedAt() != null ? "The purge was asked for already" : "The purge has started already";
            });
        }
        if (!scope.asPlatform(() -> store.requestPurge(clientId, Times.now(clock)))) {
            throw new ConflictException("The termination moved on meanwhile; reload and try again");
        }
        audit.record(operator, clientId, "termination.purge_requested", "client:" + clientId, "purge before the export window ends");
        return status(operator, clientId);
    }

    /** The export for the operator, while its file is kept. Audited. */
    public Download exportFor(Actor operator, UUID clientId) {
        TerminationJob job = status(operator, clientId);
        if (!job.exportAvailable(Times.now(clock))) {
            throw new NotFoundException("The export of client " + clientId + " is not available");
        }
        Download download = download(job);
        audit.record(operator, clientId, "termination.export_downloaded", "client:" + clientId, "by the operator");
        return download;
    }

    /** What the token of a mailed link leads to; a download is counted and audited. */
    public LinkTarget byToken(String token, String sourceIp) {
        if (token == null || token.length() > 100) {
            return new LinkTarget.Unknown();
        }
        var job = scope.asPlatform(() -> store.findByTokenHash(hash(token)));
        if (job.isEmpty()) {
            return new LinkTarget.Unknown();
        }
        OffsetDateTime now = Times.now(clock);
        if (!job.get().exportAvailable(now)) {
            return new LinkTarget.Expired(job.get().exportExpiresAt());
        }
        Download download = download(job.get());
        UUID clientId = job.get().clientId();
        scope.asPlatform(() -> store.downloaded(clientId, now));
        audit.record(Actor.system("termination export link").from(sourceIp), clientId, "termination.export_downloaded",
                "client:" + clientId, "through the mailed link");
        return new LinkTarget.Available(download);
    }

    private Download download(TerminationJob job) {
        Path file = data.forClient(AREA, job.clientId()).resolve(job.exportFile());
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("The export file of client " + job.clientId() + " is missing");
        }
        return new Download(file, job.exportFile(), job.exportBytes());
    }

    /** A new link token: 256 random bits, URL-safe. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a token: its SHA-256, so the table alone opens no export. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
