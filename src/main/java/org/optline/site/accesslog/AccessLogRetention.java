package org.optline.site.accesslog;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes access-log rows older than {@code optline.site.access-log.retention}, a batch per
 * transaction so a long backlog never holds a long lock. Runs hourly on every node; deletes are
 * idempotent.
 */
@Component
class AccessLogRetention {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);
    static final int BATCH = 5_000;

    private final AccessLogStore store;
    private final TenantScope scope;
    private final AccessLogProperties settings;
    private final Clock clock;

    AccessLogRetention(AccessLogStore store, TenantScope scope, AccessLogProperties settings, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT15M")
    void onSchedule() {
        int deleted = purge();
        if (deleted > 0) {
            log.info("Deleted {} access log rows older than {}", deleted, settings.retention());
        }
    }

    /** Deletes every row from before the retention; answers how many. */
    int purge() {
        OffsetDateTime before = Times.now(clock).minus(settings.retention());
        int total = 0;
        int deleted;
        do {
            deleted = scope.asPlatform(() -> store.purge(before, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
