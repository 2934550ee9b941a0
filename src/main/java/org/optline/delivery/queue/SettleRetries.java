package org.optline.delivery.queue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Writes down what became of a batch the SMTP server has already seen, trying again while the
 * database is failing. Given up, the batch would stay claimed, and every message the server
 * accepted would go out a second time once the lease ran out; held here, a database that comes
 * back within the lease costs a wait, not a repeat. Only failures of the database's reach
 * (connection, transaction start, transient errors) are retried: a mistake in a statement fails
 * at once. Gives up when the next try would fall after {@code giveUpAt} (another node may take the
 * batch then) or when the thread is interrupted (the node stops).
 */
final class SettleRetries {

    private static final Logger log = LoggerFactory.getLogger(SettleRetries.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private SettleRetries() {}

    static boolean isStoreFailure(RuntimeException e) {
        boolean reach = e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException || e instanceof CannotCreateTransactionException;
        return reach && !programLimitExceeded(e);
    }

    /**
     * SQLSTATE class 54 (a statement too complex, too many columns …) reaches Spring as a resource
     * failure too, by its fallback translation; it is the statement's fault and fails the same way
     * every time.
     */
    private static boolean programLimitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("54")) {
                return true;
            }
        }
        return false;
    }

    static <T> T untilStored(Supplier<T> settle, Instant giveUpAt, Clock clock, String what) {
        Duration pause = FIRST_PAUSE;
        for (int failures = 1; ; failures++) {
            try {
                T done = settle.get();
                if (failures > 1) {
                    log.info("Settled {} after the database failed {} times", what, failures - 1);
                }
                return done;
            } catch (RuntimeException e) {
                if (!isStoreFailure(e) || !clock.instant().plus(pause).isBefore(giveUpAt)) {
                    throw e;
                }
                log.warn("The database failed while settling {} ({}); trying again in {} ms, since the server has "
                        + "seen the batch and it would otherwise go out again after its lease", what, e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
