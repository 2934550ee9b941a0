package org.optline.audience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Imports: {@code importBatchSize} rows written per transaction ({@code OPTLINE_IMPORT_BATCH_SIZE}) on H2,
 * {@code importChunkSize} rows per transaction of the COPY path on PostgreSQL
 * ({@code OPTLINE_IMPORT_CHUNK_SIZE}, 100,000: large enough that the set-based merge's fixed costs
 * vanish, small enough that a parsed chunk waiting beside the one merging stays a few tens of MB),
 * {@code maxImportBytes} the largest upload taken ({@code OPTLINE_MAX_IMPORT_BYTES}, 1 GiB), and
 * {@code uploadTtl} how long an upload left at the column-mapping step is kept, file and all
 * ({@code OPTLINE_UPLOAD_TTL}). Each node looks for imports to run every {@code importPollMs}, and
 * for uploads past their time every {@code uploadExpiryMs}.
 */
@ConfigurationProperties("optline.audience")
public record AudienceProperties(
        @DefaultValue("2000") int importBatchSize,
        @DefaultValue("1073741824") long maxImportBytes,
        @DefaultValue("24h") Duration uploadTtl,
        @DefaultValue("1000") long importPollMs,
        @DefaultValue("600000") long uploadExpiryMs,
        @DefaultValue("100000") int importChunkSize) {}
