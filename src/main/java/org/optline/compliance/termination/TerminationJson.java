package org.optline.compliance.termination;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A termination as the operator API shows it: the export, its link's use, and the purge, with counts. */
record TerminationJson(UUID clientId, String state, String reason, OffsetDateTime requestedAt, Export export, Purge purge,
                       String lastError) {

    record Export(OffsetDateTime readyAt, OffsetDateTime expiresAt, boolean available, Integer tables, Long rows, Long bytes,
                  String sha256, int downloads, OffsetDateTime lastDownloadAt, OffsetDateTime deletedAt) {}

    record Purge(OffsetDateTime requestedAt, OffsetDateTime startedAt, long rowsDeleted, OffsetDateTime finishedAt) {}

    static TerminationJson of(TerminationJob job, OffsetDateTime now) {
        return new TerminationJson(job.clientId(), job.state().wireName(), job.reason(), job.requestedAt(),
                new Export(job.exportReadyAt(), job.exportExpiresAt(), job.exportAvailable(now), job.exportTables(),
                        job.exportRows(), job.exportBytes(), job.exportSha256(), job.downloads(), job.lastDownloadAt(),
                        job.exportDeletedAt()),
                new Purge(job.purgeRequestedAt(), job.purgeStartedAt(), job.purgedRows(), job.purgedAt()), job.lastError());
    }
}
