package org.optline.compliance.termination;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Termination settings: how long a terminated client's export stays available before its data is
 * purged, and the pace of the background work.
 *
 * @param exportDays days the export can be downloaded ({@code OPTLINE_TERMINATION_EXPORT_DAYS}); when
 *                   they are over, the client's data is purged and the export file deleted
 * @param batchSize  rows deleted per transaction while purging: small, so no lock is held for long
 * @param poll       how often each node looks for termination work (exports to write, purges due)
 * @param lease      how long a node holds a job it works on; a node that died leaves it to others after this
 */
@ConfigurationProperties("optline.termination")
public record TerminationProperties(@DefaultValue("30") int exportDays,
                                    @DefaultValue("1000") int batchSize,
                                    @DefaultValue("1m") Duration poll,
                                    @DefaultValue("10m") Duration lease) {

    public TerminationProperties {
        if (exportDays < 1) {
            throw new IllegalArgumentException("optline.termination.export-days must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("optline.termination.batch-size must be at least 1");
        }
    }

    /** How long the export stays available. */
    public Duration exportWindow() {
        return Duration.ofDays(exportDays);
    }
}
