package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.imports.ImportRunner;
import org.optline.audience.imports.ImportStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.platform.Actor;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CSV import end to end through the background runner, on H2 and on PostgreSQL. */
abstract class ImportContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Imports imports;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired ImportStore store;
    @Autowired ImportRunner runner;
    @Autowired Exports exports;
    @Autowired ConsentStore consent;
    @Autowired MembershipStore memberships;
    @Autowired Orphans orphans;

    CreatedClient client;
    Actor admin;
    MailingList list;

    @BeforeEach
    void aClientWithAListAndFields() {
        client = Fixtures.client(clients, "Importer");
        admin = Fixtures.admin(client);
        list = lists.create(admin, new Lists.ListInput("Customers", null, "double"));
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "age", "Age", "number");
        fields.create(admin, "interests", "Interests", "multi");
    }

    private ImportJob importCsv(String csv) {
        ImportJob uploaded = imports.upload(admin, list.id(), "people.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        imports.start(admin, uploaded.id(), null, "Collected on our checkout page with an unticked opt-in box, 2025-2026");
        return awaitFinished(uploaded.id());
    }

    private ImportJob awaitFinished(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.get(admin, id), ImportJob::finished);
    }

    @Test
    void aMessyButValidFileImportsWithLineNumberedRejections() {
        String csv = "\uFEFFE-Mail Address;Full Name;Country;Age;Interests;Ignored\r\n"
                + "ann@shoehaus.de;\"Ann \"\"A\"\" Smith\";US;34;\"shoes;hats\";x\r\n"
                + "\"bob@shoehaus.de\";\"Bob\r\non two lines\";CA;;shoes;y\r\n"
                + "not-an-address;Nobody;US;1;;\r\n"
                + "cid@shoehaus.de;Cid;US;old;;\r\n"
                + "postmaster@shoehaus.de;Post;US;50;;\r\n"
                + "ANN@shoehaus.de;Ann Again;US;35;;\r\n"
                + "\r\n";
        ImportJob job = importCsv(csv);
        assertThat(job.status()).isEqualTo("done");
        assertThat(job.rowsTotal()).isEqualTo(6);
        assertThat(job.rowsImported()).isEqualTo(3);
        assertThat(job.rowsUpdated()).isEqualTo(1);
        assertThat(job.rowsRejected()).isEqualTo(2);
        assertThat(job.rowsFlagged()).isEqualTo(1);
        assertThat(imports.issues(admin, job.id(), "error", 10)).extracting(ImportJob.Issue::line).containsExactly(5L, 6L);
        assertThat(imports.issues(admin, job.id(), "error", 10).get(1).message()).contains("Age").contains("number");
        assertThat(imports.issues(admin, job.id(), "flag", 10)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("role address"));

        Subscriber ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        assertThat(ann.name()).isEqualTo("Ann Again");
        assertThat(ann.fields()).containsEntry("age", "35").containsEntry("interests", List.of("hats", "shoes"));
        assertThat(ann.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.CONFIRMED);
        Subscriber bob = subscribers.findByEmail(admin, "bob@shoehaus.de").orElseThrow();
        assertThat(bob.name()).isEqualTo("Bob\r\non two lines");
        assertThat(subscribers.consentLedger(admin, bob.id())).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(ConsentAct.IMPORTED);
            assertThat(e.sourceKind()).isEqualTo(ConsentChannel.IMPORT);
            assertThat(e.sourceId()).isEqualTo(job.id().toString());
            assertThat(e.consentText()).contains("unticked opt-in box");
            assertThat(e.detail()).isEqualTo("line 3 of file sha256:" + job.fileSha256() + ", attested by " + job.attestedBy());
        });
    }

    /** The client's ledger rows of one import that name no subscriber: the import's own row(s). */
    private long importRows(UUID importId) {
        UUID clientId = client.client().id();
        return scope.inClient(clientId, () -> jdbc.sql("select count(*) from consent_events where client_id = :c "
                + "and subscriber_id is null and source_id = :i").param("c", clientId).param("i", importId.toString())
                .query(Long.class).single());
    }

    /** The client's ledger rows that name a subscriber. */
    private long personRows() {
        UUID clientId = client.client().id();
        return scope.inClient(clientId, () -> jdbc.sql("select count(*) from consent_events where client_id = :c "
                + "and subscriber_id is not null").param("c", clientId).query(Long.class).single());
    }

    @Test
    void anImportWritesOneLedgerRowThatEachImportedSubscribersExportShowsWithTheirLine() {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 2100; i++) { // more than one batch
            csv.append("m").append(i).append("@shoehaus.de,M\n");
        }
        ImportJob job = importCsv(csv.toString());
        assertThat(job.rowsImported()).isEqualTo(2100);
        assertThat(importRows(job.id())).isEqualTo(1);
        assertThat(personRows()).isZero();

        Subscriber last = subscribers.findByEmail(admin, "m2099@shoehaus.de").orElseThrow();
        Map<String, Object> export = exports.person(admin, last.id());
        @SuppressWarnings("unchecked")
        List<ConsentEvent> ledger = (List<ConsentEvent>) export.get("consent");
        assertThat(ledger).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(ConsentAct.IMPORTED);
            assertThat(e.listId()).isEqualTo(list.id());
            assertThat(e.sourceKind()).isEqualTo(ConsentChannel.IMPORT);
            assertThat(e.sourceId()).isEqualTo(job.id().toString());
            assertThat(e.consentText()).isEqualTo("Collected on our checkout page with an unticked opt-in box, 2025-2026");
            assertThat(e.detail()).isEqualTo("line 2101 of file sha256:" + job.fileSha256() + ", attested by " + job.attestedBy());
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> named = (List<Map<String, Object>>) export.get("imports");
        assertThat(named).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("id", job.id().toString()).containsEntry("fileSha256", job.fileSha256())
                    .containsEntry("attestedBy", job.attestedBy());
            assertThat(m.get("attestation")).isEqualTo(job.attestation());
        });
        Subscriber first = subscribers.findByEmail(admin, "m0@shoehaus.de").orElseThrow();
        assertThat(subscribers.consentLedger(admin, first.id())).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("line 2 of file sha256:"));
        assertThat(subscribers.consentLedger(admin, first.id()).get(0).id()).isEqualTo(ledger.get(0).id());
    }

    @Test
    void erasingAnImportedSubscriberRemovesTheirLinkAndKeepsTheImportsRow() {
        ImportJob job = importCsv("email\nstays@shoehaus.de\ngoes@shoehaus.de\n");
        Subscriber goes = subscribers.findByEmail(admin, "goes@shoehaus.de").orElseThrow();
        subscribers.erase(admin, goes.id(), "asked");
        UUID clientId = client.client().id();
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from list_memberships where client_id = :c "
                + "and subscriber_id = :s").param("c", clientId).param("s", goes.id()).query(Long.class).single())).isZero();
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from erasure_tombstones where client_id = :c "
                + "and email_hash = :h").param("c", clientId).param("h", EmailAddress.of("e", "goes@shoehaus.de").hash())
                .query(Long.class).single())).isEqualTo(1);
        assertThat(importRows(job.id())).isEqualTo(1);
        Subscriber stays = subscribers.findByEmail(admin, "stays@shoehaus.de").orElseThrow();
        assertThat(subscribers.consentLedger(admin, stays.id())).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("line 2 of file sha256:" + job.fileSha256()));
    }

    @Test
    void aResumedImportKeepsItsOneLedgerRow() {
        String csv = "email\na@shoehaus.de\nb@shoehaus.de\nc@shoehaus.de\n";
        ImportJob uploaded = imports.upload(admin, list.id(), "r.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        UUID clientId = client.client().id();
        // As if a node had stored the first two rows, with the import's ledger row, and then died.
        long row = scope.inClient(clientId, () -> {
            jdbc.sql("update imports set status = 'running', next_record = 2, rows_imported = 2, "
                    + "attestation = 'attested', attested_by = 'test' where id = :id").param("id", uploaded.id()).update();
            long id = consent.importRow(clientId, new ConsentStore.ImportEvidence(uploaded.id(), list.id(), null, "attested",
                    uploaded.fileSha256(), "test"), OffsetDateTime.now());
            List<MembershipStore.ImportedMember> joined = new ArrayList<>();
            for (String email : List.of("a@shoehaus.de", "b@shoehaus.de")) {
                UUID s = subscribers.save(admin, new SubscriberInput(email, null, Map.of(), List.of(), null), false).subscriber().id();
                joined.add(new MembershipStore.ImportedMember(s, joined.size() + 2));
            }
            memberships.insertImported(clientId, list.id(), id, joined, MembershipStatus.CONFIRMED, OffsetDateTime.now());
            jdbc.sql("update imports set lease_until = :past where id = :id")
                    .param("past", OffsetDateTime.now().minusMinutes(5)).param("id", uploaded.id()).update();
            return id;
        });
        ImportJob job = awaitFinished(uploaded.id());
        assertThat(job.status()).isEqualTo("done");
        assertThat(job.rowsImported()).isEqualTo(3);
        assertThat(importRows(job.id())).isEqualTo(1);
        Subscriber a = subscribers.findByEmail(admin, "a@shoehaus.de").orElseThrow();
        Subscriber c = subscribers.findByEmail(admin, "c@shoehaus.de").orElseThrow();
        assertThat(subscribers.consentLedger(admin, a.id())).filteredOn(e -> e.event() == ConsentAct.IMPORTED)
                .singleElement().satisfies(e -> {
                    assertThat(e.id()).isEqualTo(row);
                    assertThat(e.detail()).isEqualTo("line 2 of file sha256:" + job.fileSha256() + ", attested by test");
                });
        assertThat(subscribers.consentLedger(admin, c.id())).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(row);
            assertThat(e.detail()).isEqualTo("line 4 of file sha256:" + job.fileSha256() + ", attested by test");
        });
    }

    /** The rows an import writes, and what an erasure and a list's deletion delete, leave nothing pointing at nothing. */
    @Test
    void importsErasuresAndListDeletionLeaveNoOrphans() {
        UUID clientId = client.client().id();
        ImportJob job = importCsv("email,interests\nann@shoehaus.de,shoes;hats\nbob@shoehaus.de,books\n");
        assertThat(job.rowsImported()).isEqualTo(2);
        assertThat(orphans.count(clientId).total()).isZero();
        subscribers.erase(admin, subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow().id(), "asked");
        assertThat(orphans.count(clientId).total()).isZero();
        ImportJob again = importCsv("email,interests\nann@shoehaus.de,socks\nbob@shoehaus.de,music\n");
        assertThat(again.rowsSuppressed()).isEqualTo(1);
        assertThat(orphans.count(clientId).total()).isZero();
        lists.delete(admin, list.id());
        assertThat(orphans.count(clientId).total()).isZero();
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from list_memberships where client_id = :c")
                .param("c", clientId).query(Long.class).single())).isZero();
        assertThat(subscribers.findByEmail(admin, "bob@shoehaus.de").orElseThrow().fields())
                .containsEntry("interests", List.of("music"));
    }

    @Test
    void aListWithImportsCanBeDeletedAndTheImportRecordStays() {
        ImportJob job = importCsv("email\nkeep@shoehaus.de\n");
        Subscriber keep = subscribers.findByEmail(admin, "keep@shoehaus.de").orElseThrow();
        ConsentEvent before = subscribers.consentLedger(admin, keep.id()).get(0);
        lists.delete(admin, list.id());
        assertThat(imports.get(admin, job.id()).listId()).isNull();
        assertThat(imports.get(admin, job.id()).rowsImported()).isEqualTo(1);
        // The membership that pointed at the import's row went with the list; its evidence did not.
        assertThat(subscribers.consentLedger(admin, keep.id())).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(ConsentAct.IMPORTED);
            assertThat(e.at()).isEqualTo(before.at());
            assertThat(e.listId()).isEqualTo(list.id());
            assertThat(e.sourceId()).isEqualTo(job.id().toString());
            assertThat(e.consentText()).isEqualTo(before.consentText());
            assertThat(e.detail()).isEqualTo("line 2 of file sha256:" + job.fileSha256() + ", attested by " + job.attestedBy());
        });
    }

    @Test
    void aSuspendedClientsQueuedImportWaitsUntilItIsActiveAgain() {
        ImportJob uploaded = imports.upload(admin, list.id(), "wait.csv",
                new ByteArrayInputStream("email\nwaits@shoehaus.de\n".getBytes(StandardCharsets.UTF_8)));
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.SUSPENDED, "abuse desk");
        // Queued as it was the moment before the suspension.
        imports.start(admin, uploaded.id(), null, "Collected on our checkout page with an unticked opt-in box, 2025-2026");
        runner.poll();
        assertThat(imports.get(admin, uploaded.id()).status()).isEqualTo("queued");
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.ACTIVE, "cleared");
        assertThat(awaitFinished(uploaded.id()).status()).isEqualTo("done");
    }

    @Test
    void aNulInTheHeaderRefusesTheFileAndOneInACellRejectsItsRow() {
        assertThatThrownBy(() -> imports.upload(admin, list.id(), "nul.csv",
                new ByteArrayInputStream("email,na\u0000me\nnul@shoehaus.de,x\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("NUL");
        assertThat(imports.recent(admin)).isEmpty();
        ImportJob done = importCsv("email,name\nkept@shoehaus.de,Kept\nbad@shoehaus.de,B\u0000d\n");
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.rowsImported()).isEqualTo(1);
        assertThat(done.rowsRejected()).isEqualTo(1);
        assertThat(imports.issues(admin, done.id(), "error", 10)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("NUL").doesNotContain("\u0000"));
    }

    @Test
    void aSuspendedClientsQueueDoesNotHoldUpAnotherClientsImport() {
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ImportJob uploaded = imports.upload(admin, list.id(), "wait" + i + ".csv",
                    new ByteArrayInputStream(("email\nwaits" + i + "@shoehaus.de\n").getBytes(StandardCharsets.UTF_8)));
            waiting.add(uploaded.id());
        }
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.SUSPENDED, "abuse desk");
        waiting.forEach(id -> imports.start(admin, id, null, "Collected on our checkout page with an unticked opt-in box"));
        var other = Fixtures.client(clients, "Other Importer");
        var otherAdmin = Fixtures.admin(other);
        var otherList = lists.create(otherAdmin, new Lists.ListInput("Other", null, "single"));
        ImportJob theirs = imports.upload(otherAdmin, otherList.id(), "theirs.csv",
                new ByteArrayInputStream("email\nsomeone@other.test\n".getBytes(StandardCharsets.UTF_8)));
        imports.start(otherAdmin, theirs.id(), null, "Signed up at our shop's counter");
        await().atMost(Duration.ofSeconds(60)).until(() -> imports.get(otherAdmin, theirs.id()).finished());
        assertThat(imports.get(otherAdmin, theirs.id()).status()).isEqualTo("done");
        assertThat(waiting).allSatisfy(id -> assertThat(imports.get(admin, id).status()).isEqualTo("queued"));
    }

    @Test
    void aNodeWhoseLeaseWasTakenOverCannotWriteOrFinish() {
        ImportJob uploaded = imports.upload(admin, list.id(), "l.csv",
                new ByteArrayInputStream("email\nx@shoehaus.de\n".getBytes(StandardCharsets.UTF_8)));
        UUID clientId = client.client().id();
        scope.inClient(clientId, () -> jdbc.sql("update imports set status = 'running', lease_token = 'node-b', "
                + "lease_until = :later where id = :id").param("later", OffsetDateTime.now().plusMinutes(5)).param("id", uploaded.id()).update());
        boolean wrote = scope.inClient(clientId, () -> store.progress(clientId, uploaded.id(), "node-a",
                new ImportStore.Progress(1, 0, 0, 0, 0), 1, OffsetDateTime.now().plusMinutes(1)));
        boolean finished = scope.inClient(clientId, () -> store.finish(clientId, uploaded.id(), "node-a", "done", null, OffsetDateTime.now()));
        assertThat(wrote).isFalse();
        assertThat(finished).isFalse();
        assertThat(imports.get(admin, uploaded.id()).status()).isEqualTo("running");
    }

    @Test
    void erasureRemovesTheAddressFromImportIssues() {
        ImportJob job = importCsv("email\npostmaster@shoehaus.de\n");
        assertThat(imports.issues(admin, job.id(), "flag", 10)).hasSize(1);
        subscribers.erase(admin, subscribers.findByEmail(admin, "postmaster@shoehaus.de").orElseThrow().id(), "asked");
        assertThat(imports.issues(admin, job.id(), "flag", 10)).isEmpty();
    }

    @Test
    void suppressedAddressesAreSkippedAndCounted() {
        suppressions.add(admin, "blocked@shoehaus.de", "manual");
        ImportJob job = importCsv("email,name\nblocked@shoehaus.de,B\nfine@shoehaus.de,F\n");
        assertThat(job.rowsSuppressed()).isEqualTo(1);
        assertThat(job.rowsImported()).isEqualTo(1);
        assertThat(subscribers.findByEmail(admin, "blocked@shoehaus.de")).isEmpty();
    }

    @Test
    void anUnclosedQuoteFailsClearlyAndKeepsTheRowsBeforeIt() {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 2500; i++) {
            csv.append("p").append(i).append("@shoehaus.de,P\n");
        }
        csv.append("broken@shoehaus.de,\"never closed\n");
        ImportJob job = importCsv(csv.toString());
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.error()).contains("not valid CSV");
        assertThat(job.rowsImported()).isEqualTo(2000);
        assertThat(subscribers.count(admin)).isEqualTo(2000);
    }

    @Test
    void aFileWithoutAnEmailColumnCannotStart() {
        ImportJob uploaded = imports.upload(admin, list.id(), "x.csv",
                new ByteArrayInputStream("name,country\nA,US\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> imports.start(admin, uploaded.id(), null, "attested"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> imports.start(admin, uploaded.id(), Arrays.asList("email", null), " "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("attestation");
        imports.start(admin, uploaded.id(), Arrays.asList("email", "country"), "x");
    }

    @Test
    void startingTwiceIsRefused() {
        ImportJob job = importCsv("email\none@shoehaus.de\n");
        assertThatThrownBy(() -> imports.start(admin, job.id(), null, "again")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aStoppedImportResumesAtItsCheckpointWithoutRepeatingRows() {
        String csv = "email\na@shoehaus.de\nb@shoehaus.de\nc@shoehaus.de\nd@shoehaus.de\n";
        ImportJob uploaded = imports.upload(admin, list.id(), "r.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        UUID clientId = client.client().id();
        // As if a node had stored the first two rows and then died: running, checkpoint 2, lease run out.
        subscribers.save(admin, new SubscriberInput("a@shoehaus.de", null, Map.of(), List.of(), null), false);
        subscribers.save(admin, new SubscriberInput("b@shoehaus.de", null, Map.of(), List.of(), null), false);
        scope.inClient(clientId, () -> jdbc.sql("update imports set status = 'running', next_record = 2, rows_imported = 2, "
                        + "attestation = 'attested', attested_by = 'test', lease_until = :past where id = :id")
                .param("past", OffsetDateTime.now().minusMinutes(5)).param("id", uploaded.id()).update());
        ImportJob job = awaitFinished(uploaded.id());
        assertThat(job.status()).isEqualTo("done");
        assertThat(job.rowsImported()).isEqualTo(4);
        assertThat(job.rowsUpdated()).isZero();
        assertThat(subscribers.count(admin)).isEqualTo(4);
        assertThat(subscribers.findByEmail(admin, "a@shoehaus.de").orElseThrow().lists()).isEmpty();
        assertThat(subscribers.findByEmail(admin, "d@shoehaus.de").orElseThrow().lists()).hasSize(1);
    }
    @Test
    void importingAgainReplacesMultiValuesAndAddsNoSecondMembershipOrConsentRow() {
        importCsv("email,interests,country\nann@shoehaus.de,shoes;hats,US\nbob@shoehaus.de,books,CA\n");
        ImportJob again = importCsv("email,interests\nann@shoehaus.de,garden\ncid@shoehaus.de,music;books\n");
        assertThat(again.rowsImported()).isEqualTo(1);
        assertThat(again.rowsUpdated()).isEqualTo(1);

        Subscriber ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        assertThat(ann.fields()).containsEntry("interests", List.of("garden")).containsEntry("country", "US");
        assertThat(ann.lists()).hasSize(1);
        assertThat(subscribers.consentLedger(admin, ann.id())).hasSize(1);
        assertThat(subscribers.findByEmail(admin, "bob@shoehaus.de").orElseThrow().fields())
                .containsEntry("interests", List.of("books"));
        Subscriber cid = subscribers.findByEmail(admin, "cid@shoehaus.de").orElseThrow();
        assertThat(cid.fields()).containsEntry("interests", List.of("books", "music"));
        assertThat(subscribers.consentLedger(admin, cid.id())).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("line 3 of file sha256:" + again.fileSha256()));
        // One ledger row per import, none per person: each new member points at their import's row.
        assertThat(importRows(again.id())).isEqualTo(1);
        assertThat(personRows()).isZero();
    }

    private String rejectedCsv(ImportJob job) {
        var out = new java.io.ByteArrayOutputStream();
        imports.writeRejectedRows(admin, job.id(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectedRowsKeepTheirCellsAndDownloadInTheFilesOwnColumnsWithAReason() {
        ImportJob job = importCsv("E-Mail;Full Name;Age;Notes\r\n"
                + "ok@shoehaus.de;Ok;30;fine\r\n"
                + "not-an-address;\"Quote \"\"Q\"\" Smith\";31;\"two\r\nlines; and a semicolon\"\r\n"
                + "old@shoehaus.de;Old;very old\r\n"
                + "nul@shoehaus.de;N\u0000ul;1;x\r\n");
        assertThat(job.rowsRejected()).isEqualTo(3);
        List<ImportJob.Issue> why = imports.issues(admin, job.id(), "error", 10);
        assertThat(why).extracting(ImportJob.Issue::line).containsExactly(3L, 5L, 6L);
        assertThat(rejectedCsv(job)).isEqualTo("E-Mail;Full Name;Age;Notes;reason\r\n"
                + "not-an-address;\"Quote \"\"Q\"\" Smith\";31;\"two\r\nlines; and a semicolon\";line 3: "
                + why.get(0).message() + "\r\n"
                + "old@shoehaus.de;Old;very old;;line 5: " + why.get(1).message() + "\r\n"
                + ";;;;line 6: column 2 holds a NUL character (the row was not kept: copy it from line 6 of the original file)\r\n");
    }

    @Test
    void anotherClientsImportHasNoRejectedRowsToDownload() {
        ImportJob job = importCsv("email;age\nx@shoehaus.de;old\n");
        Actor stranger = Fixtures.admin(Fixtures.client(clients, "Stranger"));
        assertThatThrownBy(() -> imports.writeRejectedRows(stranger, job.id(), new java.io.ByteArrayOutputStream()))
                .isInstanceOf(org.optline.platform.NotFoundException.class);
    }

    @Test
    void erasureRemovesARejectedRowThatHoldsTheAddress() {
        importCsv("email\neve@shoehaus.de\n");
        ImportJob job = importCsv("email,age\nEve@Shoehaus.de,ancient\nfred@shoehaus.de,never\n");
        assertThat(imports.issues(admin, job.id(), "error", 10)).hasSize(2);
        subscribers.erase(admin, subscribers.findByEmail(admin, "eve@shoehaus.de").orElseThrow().id(), "asked");
        assertThat(imports.issues(admin, job.id(), "error", 10)).singleElement()
                .satisfies(i -> assertThat(i.line()).isEqualTo(3));
        assertThat(rejectedCsv(job)).doesNotContainIgnoringCase("eve@").contains("fred@shoehaus.de");
    }
}
