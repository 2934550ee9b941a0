package org.optline.compliance.termination;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One client's termination as stored: the export (file, size, checksum, counts, window, downloads)
 * and the purge (when asked for, started, rows deleted so far, finished).
 */
public record TerminationJob(UUID clientId, String reason, TerminationState state, OffsetDateTime requestedAt,
                             String exportFile, Long exportBytes, String exportSha256, Integer exportTables,
                             Long exportRows, OffsetDateTime exportReadyAt, OffsetDateTime exportExpiresAt,
                             String mailedTo, int downloads, OffsetDateTime lastDownloadAt,
                             OffsetDateTime exportDeletedAt, OffsetDateTime purgeRequestedAt,
                             OffsetDateTime purgeStartedAt, long purgedRows, OffsetDateTime purgedAt,
                             String lastError) {

    /** Whether the export file can be downloaded at {@code now}. */
    public boolean exportAvailable(OffsetDateTime now) {
        return exportFile != null && exportDeletedAt == null && exportExpiresAt != null && now.isBefore(exportExpiresAt);
    }

    /** Whether the operator may ask for the purge now: the export is made, the purge not yet asked for. */
    public boolean purgeMayBeRequested() {
        return state == TerminationState.EXPORT_READY && purgeRequestedAt == null;
    }
}
