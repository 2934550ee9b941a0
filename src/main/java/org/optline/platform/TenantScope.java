package org.optline.platform;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs database work in a transaction that belongs to one client, or to the platform.
 *
 * <p>Every query on client-owned data already filters by {@code client_id}. On PostgreSQL this
 * class also sets {@code optline.client_id} (or {@code optline.scope = platform}) for the
 * transaction, which the row-level security policies read: a query that forgot its filter, or ran
 * outside any scope, sees no other client's rows. The setting is transaction-local
 * ({@code set_config(..., true)}), so it never leaks to the next user of a pooled connection.
 */
@Component
public class TenantScope {

    private static final Object SCOPE_KEY = TenantScope.class.getName() + ".scope";
    private static final String PLATFORM = "platform";

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(TenantScope.class);
    private final boolean postgres;

    public TenantScope(PlatformTransactionManager transactionManager, JdbcClient jdbc, DataSource dataSource) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    /** Runs {@code work} as client {@code clientId}. */
    public <T> T inClient(UUID clientId, Supplier<T> work) {
        Objects.requireNonNull(clientId, "clientId");
        return run(clientId.toString(), work);
    }

    public void inClient(UUID clientId, Runnable work) {
        inClient(clientId, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} with platform rights: operator features, login and key lookups. */
    public <T> T asPlatform(Supplier<T> work) {
        return run(PLATFORM, work);
    }

    public void asPlatform(Runnable work) {
        asPlatform(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} as the actor's client, or as the platform for operators and the system. */
    public <T> T as(Actor actor, Supplier<T> work) {
        return actor.clientId() == null ? asPlatform(work) : inClient(actor.clientId(), work);
    }

    /**
     * Runs {@code work} in the scope already open in this transaction, or else as the actor.
     * Used by cross-cutting writers such as the audit log, which are called from inside both
     * client and platform work.
     */
    public <T> T currentOr(Actor actor, Supplier<T> work) {
        Object current = TransactionSynchronizationManager.getResource(SCOPE_KEY);
        if (current != null && TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return as(actor, work);
    }

    public boolean isPostgres() {
        return postgres;
    }

    private <T> T run(String scope, Supplier<T> work) {
        return transactions.execute(status -> {
            Object current = TransactionSynchronizationManager.getResource(SCOPE_KEY);
            if (current == null) {
                enter(scope);
            } else if (!current.equals(scope)) {
                // Switching tenant inside one transaction would leave the wrong setting in force.
                throw new IllegalStateException("Nested tenant scope " + scope + " inside " + current);
            }
            return work.get();
        });
    }

    private void enter(String scope) {
        if (postgres) {
            String clientId = PLATFORM.equals(scope) ? "" : scope;
            String platform = PLATFORM.equals(scope) ? PLATFORM : "";
            jdbc.sql(sql.get("enter-scope"))
                    .param("clientId", clientId)
                    .param("scope", platform)
                    .query((rs, n) -> 1)
                    .list();
        }
        TransactionSynchronizationManager.bindResource(SCOPE_KEY, scope);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(SCOPE_KEY);
            }
        });
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
            return product != null && product.toLowerCase().contains("postgres");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the database product name", e);
        }
    }
}
