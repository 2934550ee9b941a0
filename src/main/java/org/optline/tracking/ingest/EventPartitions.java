package org.optline.tracking.ingest;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the raw events table's months. On PostgreSQL the table is partitioned by month: this
 * makes the partitions of the current month and {@code partitions-ahead} months after it (at
 * start, before any event is written, and every few hours), and drops whole months older than
 * {@code retention-months}. On H2 the table is plain and old rows are deleted. Nodes doing this
 * together are harmless: a partition another node just made is skipped.
 */
@Component
class EventPartitions {

    private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);
    private static final Pattern PARTITION = Pattern.compile("tracked_events_y(\\d{4})m(\\d{2})");

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final TrackingProperties settings;
    private final Clock clock;
    private final NamedSql sql = NamedSql.forClass(EventPartitions.class);

    EventPartitions(JdbcClient jdbc, TenantScope scope, TrackingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.settings = settings;
        this.clock = clock;
        maintain();
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT6H")
    void maintain() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (scope.isPostgres()) {
            for (int ahead = 0; ahead <= settings.partitionsAhead(); ahead++) {
                create(now.plusMonths(ahead));
            }
        }
        if (settings.retentionMonths() > 0) {
            dropBefore(now.minusMonths(settings.retentionMonths()));
        }
    }

    /** Months before {@code oldestKept} go: whole partitions on PostgreSQL, rows on H2. */
    private void dropBefore(YearMonth oldestKept) {
        if (!scope.isPostgres()) {
            int gone = scope.asPlatform(() -> jdbc.sql(sql.get("delete-before"))
                    .param("cutoff", oldestKept.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC)).update());
            if (gone > 0) {
                log.info("Deleted {} tracking events from before {}", gone, oldestKept);
            }
            return;
        }
        List<String> partitions = scope.asPlatform(() -> jdbc.sql(sql.get("partitions")).query(String.class).list());
        for (String name : partitions) {
            Matcher m = PARTITION.matcher(name);
            if (m.matches() && YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).isBefore(oldestKept)) {
                scope.asPlatform(() -> jdbc.sql(sql.get("drop-partition").replace("{partition}", name)).update());
                log.info("Dropped the tracking events of {} (retention {} months)", name, settings.retentionMonths());
            }
        }
    }

    private void create(YearMonth month) {
        String name = "tracked_events_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
        String from = month.atDay(1) + " 00:00:00+00";
        String to = month.plusMonths(1).atDay(1) + " 00:00:00+00";
        try {
            scope.asPlatform(() -> {
                jdbc.sql(sql.get("create-partition").replace("{partition}", name).replace("{from}", from).replace("{to}", to)).update();
                jdbc.sql(sql.get("protect-partition").replace("{partition}", name)).update();
            });
        } catch (RuntimeException e) {
            // Most likely another node starting at the same moment made it between "if not exists"
            // and here; if not, hits of that month are refused (503) until the next attempt.
            log.warn("Partition {} not made here: {}", name, e.toString());
        }
    }
}
