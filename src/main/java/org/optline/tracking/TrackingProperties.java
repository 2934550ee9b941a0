package org.optline.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracking settings.
 *
 * @param anonymous       count opens and clicks without the subscriber: tokens then name no subscriber
 *                        ({@code OPTLINE_TRACKING_ANONYMOUS})
 * @param keyRotation     how old the newest token key may grow before a new one signs (older keys still verify)
 * @param retentionMonths whole months of raw events kept besides the current one (0: kept for ever)
 * @param partitionsAhead monthly partitions made ahead of the current month (PostgreSQL)
 * @param ingest          the group commit of hits
 */
@ConfigurationProperties("optline.tracking")
public record TrackingProperties(@DefaultValue("false") boolean anonymous,
                                 @DefaultValue("90d") Duration keyRotation,
                                 @DefaultValue("25") int retentionMonths,
                                 @DefaultValue("3") int partitionsAhead,
                                 @DefaultValue Ingest ingest) {

    /**
     * @param queue       hits waiting for their write, all writers together; more: 503 with Retry-After
     * @param batch       most events in one insert
     * @param linger      how long a writer waits for more events before it writes what it has
     * @param writers     writer threads (each with one transaction at a time)
     * @param answerWithin how long a hit waits for its write before it is answered 503
     * @param fanoutBatch  most stored events handed to the listeners (rollups, webhooks) in one transaction
     * @param fanoutIdle   how often an idle fan-out looks for events other nodes stored
     * @param fanoutPause  after a pass that emptied the queue, how long before the writer may wake the next
     */
    public record Ingest(@DefaultValue("20000") int queue, @DefaultValue("500") int batch,
                         @DefaultValue("3ms") Duration linger, @DefaultValue("2") int writers,
                         @DefaultValue("10s") Duration answerWithin, @DefaultValue("5000") int fanoutBatch,
                         @DefaultValue("500ms") Duration fanoutIdle, @DefaultValue("200ms") Duration fanoutPause) {}
}
