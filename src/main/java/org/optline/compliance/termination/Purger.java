package org.optline.compliance.termination;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.optline.compliance.termination.ClientTables.OwnedTable;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes a terminated client's rows from every table it owns except the kept ones
 * ({@link ClientTables#KEPT}), a batch at a time: each batch is one short transaction that deletes
 * at most {@code batchSize} rows of one table and adds them to the job's count, so no lock is held
 * long enough to slow another client, and a crash loses nothing (the next run starts where the
 * rows left off: a delete by client id is idempotent).
 */
@Component
class Purger {

    private static final Logger log = LoggerFactory.getLogger(Purger.class);
    /** Passes over every table before the purge gives up on rows that keep coming back (it is retried later). */
    private static final int MAX_PASSES = 5;

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final ClientTables tables;
    private final TerminationStore store;
    private final TerminationProperties settings;
    private final Clock clock;
    private final NamedSql sql = NamedSql.forClass(Purger.class);
    private final String deleteH2 = sql.get("delete-batch-h2");
    private final String deletePostgresql = sql.get("delete-batch-postgresql");
    private final String deletePartition = sql.get("delete-batch-postgresql-partition");

    Purger(JdbcClient jdbc, TenantScope scope, ClientTables tables, TerminationStore store, TerminationProperties settings,
           Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.tables = tables;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Purges until nothing of the client is left in the purged tables; answers the rows deleted.
     * Tables go children first; a table whose delete a reference still blocks (a foreign key the
     * order did not foresee) is tried again after the others, and only a round that deletes nothing
     * while such a failure remains gives up, with the job left to retry. Background work may still
     * move a row of the client from one table to another while the purge runs (tracking events
     * from their pending table into the events), so passes repeat until one finds nothing at all.
     */
    long purge(UUID clientId) {
        long total = 0;
        long pass;
        int passes = 0;
        do {
            pass = onePass(clientId);
            total += pass;
            passes++;
        } while (pass > 0 && passes < MAX_PASSES);
        if (pass > 0) {
            throw new IllegalStateException("Rows of client " + clientId + " keep appearing while it is purged");
        }
        log.info("Purged {} rows of client {} in {} passes", total, clientId, passes);
        return total;
    }

    private long onePass(UUID clientId) {
        List<OwnedTable> left = new ArrayList<>(tables.purged());
        long total = 0;
        while (!left.isEmpty()) {
            List<OwnedTable> blocked = new ArrayList<>();
            DataIntegrityViolationException lastFailure = null;
            long round = 0;
            for (OwnedTable table : left) {
                try {
                    round += emptyOf(clientId, table);
                } catch (DataIntegrityViolationException e) {
                    blocked.add(table);
                    lastFailure = e;
                }
            }
            total += round;
            if (!blocked.isEmpty() && round == 0) {
                throw new IllegalStateException("Cannot purge " + blocked.stream().map(OwnedTable::name).toList()
                        + " of client " + clientId + ": " + lastFailure.getMostSpecificCause().getMessage(), lastFailure);
            }
            left = blocked;
        }
        return total;
    }

    private long emptyOf(UUID clientId, OwnedTable table) {
        String template = !scope.isPostgres() ? deleteH2 : table.parent() == null ? deletePostgresql : deletePartition;
        String delete = template.replace("{parent}", String.valueOf(table.parent()))
                .replace("{table}", table.name()).replace("{owner}", table.ownerCondition());
        int limit = settings.batchSize();
        long total = 0;
        int deleted;
        do {
            deleted = scope.asPlatform(() -> {
                if (scope.isPostgres()) {
                    // The consent ledger refuses deletes unless the transaction says it is erasing.
                    jdbc.sql(sql.get("allow-ledger-delete")).query((rs, n) -> 1).list();
                }
                int rows = jdbc.sql(delete).param("clientId", clientId).param("limit", limit).update();
                var now = Times.now(clock);
                store.purgedBatch(clientId, rows, now.plus(settings.lease()), now);
                return rows;
            });
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
