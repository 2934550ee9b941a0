package org.optline.inbound.spool;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.optline.inbound.InboundProperties;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes stored inbound messages once they are final (processed or unprocessable) and older than
 * {@code optline.inbound.retention}. The raw mail holds addresses and people's words; what the
 * processing made of it (bounces, complaints, kept replies) lives in the client's own tables,
 * which erasure reaches (with the raw messages they came from), so any other raw copy is kept only
 * as long as an operator may want to look at it or a late duplicate may still arrive. Runs on
 * every node; deletes are idempotent.
 */
@Component
public class SpoolRetention {

    private static final Logger log = LoggerFactory.getLogger(SpoolRetention.class);
    static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final InboundProperties settings;
    private final Clock clock;
    private final NamedSql sql = NamedSql.forClass(SpoolRetention.class);

    SpoolRetention(JdbcClient jdbc, TenantScope scope, InboundProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void onSchedule() {
        int deleted = purge();
        if (deleted > 0) {
            log.info("Deleted {} inbound messages older than {}", deleted, settings.retention());
        }
    }

    /** Deletes every final message received before the retention; answers how many. */
    public int purge() {
        OffsetDateTime before = Times.now(clock).minus(settings.retention());
        int total = 0;
        int deleted;
        do {
            deleted = scope.asPlatform(() -> jdbc.sql(sql.get("purge-final"))
                    .param("before", before).param("limit", BATCH).update());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
