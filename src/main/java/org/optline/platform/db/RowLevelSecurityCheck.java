package org.optline.platform.db;

import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when Optline reaches PostgreSQL as a role that row-level security does not
 * bind (a superuser, or a role with BYPASSRLS): the application's own filters still isolate
 * clients, but the second wall is down.
 */
@Component
class RowLevelSecurityCheck {

    private static final Logger log = LoggerFactory.getLogger(RowLevelSecurityCheck.class);

    private final TenantScope scope;
    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(RowLevelSecurityCheck.class);

    RowLevelSecurityCheck(TenantScope scope, JdbcClient jdbc) {
        this.scope = scope;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfBypassed() {
        if (!scope.isPostgres()) {
            return;
        }
        boolean bypass = jdbc.sql(sql.get("bypasses-rls"))
                .query(Boolean.class).single();
        if (bypass) {
            log.warn("The database role is a superuser or has BYPASSRLS: row-level security does not apply. "
                    + "Connect as a plain role (see docs/operations.md).");
        }
    }
}
