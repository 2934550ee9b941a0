package org.optline.compliance.standing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.compliance.StandingLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the operator: stores a standing alert (shown on the operator's standing page), logs it and
 * counts it in the metric {@code optline.standing.alerts} (tags {@code kind}, {@code level}). The
 * same alert raised twice (two nodes, or a second check the same day) is stored, logged and
 * counted once. Must run inside the client's scope.
 */
@Component
class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final StandingStore store;
    private final MeterRegistry meters;

    Alerts(StandingStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    /** Raises an alert once per {@code dedupeKey}; answers whether it was new. */
    boolean raise(UUID clientId, UUID campaignId, String kind, StandingLevel level, String detail, OffsetDateTime at,
                  String dedupeKey) {
        if (!store.raiseAlert(clientId, campaignId, kind, level, detail, at, dedupeKey)) {
            return false;
        }
        meters.counter("optline.standing.alerts", "kind", kind, "level", level.wireName()).increment();
        String line = "Standing alert ({} {}) for client {}{}: {}";
        String campaign = campaignId == null ? "" : ", campaign " + campaignId;
        if ("late_send".equals(kind)) {
            log.error(line, kind, level.wireName(), clientId, campaign, detail);
        } else {
            log.warn(line, kind, level.wireName(), clientId, campaign, detail);
        }
        return true;
    }
}
