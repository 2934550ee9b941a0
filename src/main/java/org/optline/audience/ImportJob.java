package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A CSV import and its progress. {@code rowsTotal} is an estimate (the file's record count, taken
 * while it was uploaded) until the import is done, then exact. {@code columns} maps each CSV column
 * to {@code email}, {@code name}, a field key, or null (ignored).
 */
public record ImportJob(UUID id, UUID listId, String status, String fileName, String fileSha256, long fileBytes,
                        List<String> headers, List<String> columns, long rowsTotal, long rowsImported, long rowsUpdated,
                        long rowsRejected, long rowsSuppressed, long rowsFlagged, long rowsProcessed, String error,
                        String attestation, String attestedBy, OffsetDateTime createdAt, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt) {

    /** A rejected or flagged row. */
    public record Issue(long line, String message) {}

    public boolean finished() {
        return "done".equals(status) || "failed".equals(status);
    }

    /** Progress in percent, 0..100. */
    public int percent() {
        if (finished()) {
            return 100;
        }
        return rowsTotal <= 0 ? 0 : (int) Math.min(99, rowsProcessed * 100 / rowsTotal);
    }
}
