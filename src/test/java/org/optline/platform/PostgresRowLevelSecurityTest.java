package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.test.Fixtures;
import org.optline.test.PostgresDatabases;
import org.optline.test.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Row-level security is the second wall (DESIGN promise 1): these queries deliberately leave out
 * the client_id filter the application always writes, and the database still shows a client only
 * its own rows, and nothing at all outside a tenant scope.
 */
@PostgresTest
class PostgresRowLevelSecurityTest {

    @Autowired Clients clients;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    @Test
    void theApplicationRoleIsBoundByRowLevelSecurity() {
        var role = jdbc.sql("select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .query((rs, n) -> rs.getString(1) + " super=" + rs.getBoolean(2) + " bypass=" + rs.getBoolean(3))
                .single();
        assertThat(role).isEqualTo(PostgresDatabases.APP_ROLE + " super=false bypass=false");
    }

    @Test
    void aQueryOutsideAnyTenantScopeSeesNoRows() {
        Fixtures.client(clients, "Invisible");
        for (String table : new String[] {"clients", "users", "api_keys", "audit_log", "platform_bootstrap"}) {
            long outside = jdbc.sql("select count(*) from " + table).query(Long.class).single();
            long platform = scope.asPlatform(() -> jdbc.sql("select count(*) from " + table).query(Long.class).single());
            assertThat(outside).as(table + " outside a scope").isZero();
            assertThat(platform).as(table + " in platform scope").isPositive();
        }
    }

    @Test
    void anUnfilteredQueryInAClientScopeSeesOnlyThatClient() {
        var a = Fixtures.client(clients, "Rls A");
        var b = Fixtures.client(clients, "Rls B");
        UUID aId = a.client().id();
        var seen = scope.inClient(aId, () -> jdbc.sql("select client_id from users union all select client_id from api_keys "
                + "union all select id from clients").query(UUID.class).list());
        assertThat(seen).isNotEmpty().containsOnly(aId);
        long bRows = scope.inClient(aId, () -> jdbc.sql("select count(*) from users where client_id = :b")
                .param("b", b.client().id()).query(Long.class).single());
        assertThat(bRows).isZero();
    }

    @Test
    void aClientScopeCannotWriteAnotherClientsRows() {
        var a = Fixtures.client(clients, "Writer A");
        var b = Fixtures.client(clients, "Writer B");
        assertThatThrownBy(() -> scope.inClient(a.client().id(), () -> jdbc.sql(
                "insert into api_keys (id, client_id, name, prefix, secret_hash, role, created_by, created_at) "
                        + "values (:id, :client, 'x', 'x', :hash, 'client_admin', 'test', :at)")
                .param("id", UUID.randomUUID())
                .param("client", b.client().id())
                .param("hash", UUID.randomUUID().toString())
                .param("at", OffsetDateTime.now())
                .update()))
                .rootCause().hasMessageContaining("row-level security");
        int updated = scope.inClient(a.client().id(), () -> jdbc.sql("update clients set name = 'taken over' where id = :b")
                .param("b", b.client().id()).update());
        assertThat(updated).isZero();
    }

    @Test
    void theAuditLogIsAppendOnlyEvenForItsOwner() {
        Fixtures.client(clients, "Append only");
        assertThatThrownBy(() -> scope.asPlatform(() -> jdbc.sql("update audit_log set action = 'rewritten'").update()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> scope.asPlatform(() -> jdbc.sql("delete from audit_log").update()))
                .hasMessageContaining("append-only");
    }

    @Test
    void theTenantSettingDoesNotOutliveItsTransaction() {
        var a = Fixtures.client(clients, "Leak check");
        scope.inClient(a.client().id(), () -> jdbc.sql("select count(*) from users").query(Long.class).single());
        // The pool may hand back the very connection that just ran in A's scope.
        for (int i = 0; i < 20; i++) {
            assertThat(jdbc.sql("select count(*) from users").query(Long.class).single()).isZero();
        }
    }
}
