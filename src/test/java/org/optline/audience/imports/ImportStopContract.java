package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node stopped while it imports (its thread interrupted, as at shutdown) leaves the import at a
 * chunk's checkpoint; the node that takes it over finishes it without repeating or losing a row.
 * Chunks of three records (set by the concrete classes), so the stop lands mid-file.
 */
abstract class ImportStopContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Imports imports;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired ImportRunner runner;

    @Test
    void anImportInterruptedMidFileResumesAtItsCheckpointWithoutRepeatingOrLosingRows() throws InterruptedException {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Stopped Importer"));
        UUID clientId = admin.clientId();
        MailingList list = lists.create(admin, new Lists.ListInput("Customers", null, "single"));
        int rows = 600;
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append("p").append(i).append("@shoehaus.de,P").append(i).append('\n');
        }
        ImportJob uploaded = imports.upload(admin, list.id(), "stop.csv",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        // Claimed by "this node" with a lease no other node may take yet.
        scope.inClient(clientId, () -> jdbc.sql("update imports set status = 'running', lease_token = 'this-node', "
                        + "lease_until = :later, attestation = 'attested', attested_by = 'test' where id = :id")
                .param("later", OffsetDateTime.now().plusMinutes(5)).param("id", uploaded.id()).update());

        Thread node = new Thread(() -> runner.run(clientId, uploaded.id(), "this-node"), "stopping-node");
        node.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> imports.get(admin, uploaded.id()).rowsProcessed() >= 30);
        node.interrupt();
        node.join(30_000);
        assertThat(node.isAlive()).isFalse();

        ImportJob stopped = imports.get(admin, uploaded.id());
        assertThat(stopped.status()).isEqualTo("running");
        assertThat(stopped.rowsProcessed()).isLessThan(rows);
        assertThat(stopped.rowsProcessed() % 3).isZero();
        assertThat(stopped.rowsImported()).isEqualTo(stopped.rowsProcessed());
        assertThat(subscribers.count(admin)).isEqualTo(stopped.rowsProcessed());

        // The lease runs out; another node (here the context's runner) takes the import over.
        scope.inClient(clientId, () -> jdbc.sql("update imports set lease_until = :past where id = :id")
                .param("past", OffsetDateTime.now().minusMinutes(1)).param("id", uploaded.id()).update());
        ImportJob done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.get(admin, uploaded.id()), ImportJob::finished);
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.rowsProcessed()).isEqualTo(rows);
        assertThat(done.rowsImported()).isEqualTo(rows);
        assertThat(done.rowsUpdated()).isZero();
        assertThat(subscribers.count(admin)).isEqualTo(rows);
        long members = scope.inClient(clientId, () -> jdbc.sql("select count(*) from list_memberships where client_id = :c")
                .param("c", clientId).query(Long.class).single());
        long ledger = scope.inClient(clientId, () -> jdbc.sql(
                        "select count(*) from consent_events where client_id = :c and event = 'imported'")
                .param("c", clientId).query(Long.class).single());
        long lines = scope.inClient(clientId, () -> jdbc.sql(
                        "select count(distinct consent_line) from list_memberships where client_id = :c")
                .param("c", clientId).query(Long.class).single());
        assertThat(members).isEqualTo(rows);
        // One ledger row for the import, written once across the stop; every membership names its own line.
        assertThat(ledger).isEqualTo(1);
        assertThat(lines).isEqualTo(rows);
    }
}
