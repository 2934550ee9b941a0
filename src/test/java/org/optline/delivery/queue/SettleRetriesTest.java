package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.CannotCreateTransactionException;

/** A settle outlasts a failing database within the lease; anything else fails at once. */
class SettleRetriesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void failuresToReachTheDatabaseAreTriedAgainUntilTheSettleIsStored() {
        AtomicInteger tries = new AtomicInteger();
        String settled = SettleRetries.untilStored(() -> {
            int n = tries.incrementAndGet();
            if (n == 1) {
                throw new CannotCreateTransactionException("no connection");
            }
            if (n == 2) {
                throw new DataAccessResourceFailureException("connection reset");
            }
            return "settled";
        }, NOW.plusSeconds(600), clock, "a test batch");

        assertThat(settled).isEqualTo("settled");
        assertThat(tries).hasValue(3);
    }

    @Test
    void aMistakeInAStatementIsNotTriedAgain() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> SettleRetries.untilStored(() -> {
            tries.incrementAndGet();
            throw new BadSqlGrammarException("settle", "update nonsense", new SQLException("syntax"));
        }, NOW.plusSeconds(600), clock, "a test batch")).isInstanceOf(BadSqlGrammarException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aStatementOverAProgramLimitIsNotTriedAgainThoughSpringCallsItAResourceFailure() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> SettleRetries.untilStored(() -> {
            tries.incrementAndGet();
            throw new DataAccessResourceFailureException("settle", new SQLException("statement too complex", "54001"));
        }, NOW.plusSeconds(600), clock, "a test batch")).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void noTryAfterTheLeaseCouldHavePassedToAnotherNode() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> SettleRetries.untilStored(() -> {
            tries.incrementAndGet();
            throw new DataAccessResourceFailureException("down");
        }, NOW.plus(SettleRetries.FIRST_PAUSE).minusMillis(1), clock, "a test batch"))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void anInterruptedNodeStopsTryingAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> SettleRetries.untilStored(() -> {
                throw new DataAccessResourceFailureException("down");
            }, NOW.plusSeconds(600), clock, "a test batch")).isInstanceOf(DataAccessResourceFailureException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
