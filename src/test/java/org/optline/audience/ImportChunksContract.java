package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports cut into chunks of three records (H2's batches and PostgreSQL's COPY chunks alike, set
 * by the concrete classes), so one small file crosses chunk boundaries: both databases must store
 * the same rows and report the same counts, whichever path they take.
 */
abstract class ImportChunksContract {

    static final String THREE_ROW_CHUNKS_H2 = "optline.audience.import-batch-size=3";
    static final String THREE_ROW_CHUNKS_PG = "optline.audience.import-chunk-size=3";

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Imports imports;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    Actor admin;
    MailingList list;

    @BeforeEach
    void aClientWithAListAndFields() {
        admin = Fixtures.admin(Fixtures.client(clients, "Chunked Importer"));
        list = lists.create(admin, new Lists.ListInput("Customers", null, "double"));
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "age", "Age", "number");
        fields.create(admin, "interests", "Interests", "multi");
    }

    private ImportJob upload(String csv) {
        return imports.upload(admin, list.id(), "people.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private ImportJob awaitFinished(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.get(admin, id), ImportJob::finished);
    }

    private Subscriber find(String email) {
        return subscribers.findByEmail(admin, email).orElseThrow();
    }

    private List<ConsentEvent> imported(Subscriber s) {
        return subscribers.consentLedger(admin, s.id()).stream().filter(e -> e.event() == ConsentAct.IMPORTED).toList();
    }

    @Test
    void duplicatesSuppressionsExistingMembersAndRejectionsCountAlikeAcrossChunks() {
        suppressions.add(admin, "blocked@shoehaus.de", "manual");
        suppressions.add(admin, "abuse@shoehaus.de", "manual");
        Subscriber old = subscribers.save(admin, new SubscriberInput("old@shoehaus.de", "Old",
                Map.of("country", "DE", "age", 70, "interests", List.of("music")), List.of(), null), false).subscriber();
        Subscriber gone = subscribers.save(admin, new SubscriberInput("gone@shoehaus.de", "Gone", Map.of(),
                List.of(list.id()), null), true).subscriber();
        subscribers.removeFromList(admin, gone.id(), list.id());
        String oddName = "Cid\t\\N \\ \u00fc\u4e2d";
        String csv = "email,name,country,age,interests\n"
                + "ann@shoehaus.de,Ann,US,30,shoes;hats\n"       // line 2, chunk 1
                + "bob@shoehaus.de,Bob,,40,\n"                   // 3
                + "ANN@shoehaus.de,,CA,,garden\n"                // 4: the same address within the chunk
                + "cid@shoehaus.de,\"" + oddName + "\",,,\n"     // 5, chunk 2
                + "bob@shoehaus.de,Bobby,,,books\n"              // 6: the same address as in chunk 1
                + "not-an-address,X,,,\n"                        // 7: rejected
                + "blocked@shoehaus.de,B,,,\n"                   // 8, chunk 3: suppressed
                + "postmaster@shoehaus.de,P,,,\n"                // 9: flagged
                + "old@shoehaus.de,Old Name,,,\n"                // 10: an existing subscriber
                + "gone@shoehaus.de,,,,\n"                       // 11, chunk 4: left the list, stays out
                + "eve@shoehaus.de,Eve,,ancient,\n"              // 12: rejected
                + "abuse@shoehaus.de,A,,,\n"                     // 13: suppressed, so not flagged either
                + "fay@shoehaus.de,\"Fay\r\nTwo\",,,\n";         // 14, chunk 5
        ImportJob uploaded = upload(csv);
        imports.start(admin, uploaded.id(), null, "Collected at the counter with a signed form");
        ImportJob job = awaitFinished(uploaded.id());

        assertThat(job.status()).isEqualTo("done");
        assertThat(job.rowsTotal()).isEqualTo(13);
        assertThat(job.rowsProcessed()).isEqualTo(13);
        assertThat(job.rowsImported()).isEqualTo(5);   // ann, bob, cid, postmaster, fay
        assertThat(job.rowsUpdated()).isEqualTo(4);    // ann again, bob again, old, gone
        assertThat(job.rowsRejected()).isEqualTo(2);
        assertThat(job.rowsSuppressed()).isEqualTo(3); // blocked, abuse, gone (left the list)
        assertThat(job.rowsFlagged()).isEqualTo(1);
        assertThat(imports.issues(admin, job.id(), "error", 10)).extracting(ImportJob.Issue::line).containsExactly(7L, 12L);
        assertThat(imports.issues(admin, job.id(), "flag", 10)).extracting(ImportJob.Issue::line).containsExactly(9L);
        assertThat(subscribers.count(admin)).isEqualTo(7);
        assertThat(subscribers.findByEmail(admin, "blocked@shoehaus.de")).isEmpty();
        assertThat(subscribers.findByEmail(admin, "abuse@shoehaus.de")).isEmpty();

        Subscriber ann = find("ann@shoehaus.de");
        assertThat(ann.id().version()).isEqualTo(7);
        assertThat(ann.name()).isEqualTo("Ann");
        assertThat(ann.fields()).containsEntry("country", "CA").containsEntry("age", "30")
                .containsEntry("interests", List.of("garden"));
        assertThat(ann.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.CONFIRMED);
        assertThat(imported(ann)).singleElement().satisfies(e -> {
            assertThat(e.detail()).isEqualTo("line 4 of file sha256:" + job.fileSha256() + ", attested by " + job.attestedBy());
            assertThat(e.sourceId()).isEqualTo(job.id().toString());
            assertThat(e.consentText()).isEqualTo("Collected at the counter with a signed form");
            assertThat(e.listId()).isEqualTo(list.id());
        });

        Subscriber bob = find("bob@shoehaus.de");
        assertThat(bob.name()).isEqualTo("Bobby");
        assertThat(bob.fields()).containsEntry("age", "40").containsEntry("interests", List.of("books"));
        assertThat(bob.lists()).hasSize(1);
        assertThat(imported(bob)).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("line 3 of file"));

        Subscriber cid = find("cid@shoehaus.de");
        assertThat(cid.name()).isEqualTo(oddName);
        assertThat(find("fay@shoehaus.de").name()).isEqualTo("Fay\r\nTwo");
        assertThat(find("postmaster@shoehaus.de").lists()).hasSize(1);
        assertThat(cid.id().toString()).isGreaterThan(ann.id().toString()); // ids in line order

        Subscriber oldAfter = find("old@shoehaus.de");
        assertThat(oldAfter.id()).isEqualTo(old.id());
        assertThat(oldAfter.name()).isEqualTo("Old Name");
        assertThat(oldAfter.fields()).containsEntry("country", "DE").containsEntry("age", "70")
                .containsEntry("interests", List.of("music"));
        assertThat(oldAfter.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.CONFIRMED);
        assertThat(imported(oldAfter)).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("line 10 of file"));

        Subscriber goneAfter = find("gone@shoehaus.de");
        assertThat(goneAfter.name()).isEqualTo("Gone");
        assertThat(goneAfter.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.UNSUBSCRIBED);
        assertThat(imported(goneAfter)).isEmpty();
    }

    @Test
    void importingTheSameFileAgainUpdatesEveryoneAndReplacesTheirValues() {
        ImportJob first = upload("email,interests\nann@shoehaus.de,shoes;hats\nbob@shoehaus.de,books\n"
                + "cid@shoehaus.de,music\nann@shoehaus.de,garden;shoes\n");
        imports.start(admin, first.id(), null, "attested");
        assertThat(awaitFinished(first.id()).rowsImported()).isEqualTo(3);
        assertThat(find("ann@shoehaus.de").fields()).containsEntry("interests", List.of("garden", "shoes"));

        ImportJob again = upload("email,interests\nann@shoehaus.de,hats\nbob@shoehaus.de,\ncid@shoehaus.de,art;music\n");
        imports.start(admin, again.id(), null, "attested");
        ImportJob job = awaitFinished(again.id());
        assertThat(job.rowsImported()).isZero();
        assertThat(job.rowsUpdated()).isEqualTo(3);
        assertThat(find("ann@shoehaus.de").fields()).containsEntry("interests", List.of("hats"));
        assertThat(find("bob@shoehaus.de").fields()).containsEntry("interests", List.of("books")); // empty cell: kept
        assertThat(find("cid@shoehaus.de").fields()).containsEntry("interests", List.of("art", "music"));
        assertThat(imported(find("ann@shoehaus.de"))).hasSize(1);
    }

    @Test
    void anImportStoppedAtAChunkBoundaryResumesThereWithoutRepeatingOrLosingRows() {
        ImportJob uploaded = upload("email,name\na@shoehaus.de,A\nb@shoehaus.de,B\nc@shoehaus.de,C\n"
                + "d@shoehaus.de,D\na@shoehaus.de,A2\ne@shoehaus.de,E\nf@shoehaus.de,F\n");
        UUID clientId = admin.clientId();
        // As if a node had stored the first chunk (three records) and then died: running, checkpoint
        // 3, lease run out. Its rows are there, on no list, so a repeat would show.
        for (String email : List.of("a@shoehaus.de", "b@shoehaus.de", "c@shoehaus.de")) {
            subscribers.save(admin, new SubscriberInput(email, null, Map.of(), List.of(), null), false);
        }
        scope.inClient(clientId, () -> jdbc.sql("update imports set status = 'running', next_record = 3, rows_imported = 3, "
                        + "attestation = 'attested', attested_by = 'test', lease_until = :past where id = :id")
                .param("past", OffsetDateTime.now().minusMinutes(5)).param("id", uploaded.id()).update());
        ImportJob job = awaitFinished(uploaded.id());
        assertThat(job.status()).isEqualTo("done");
        assertThat(job.rowsProcessed()).isEqualTo(7);
        assertThat(job.rowsImported()).isEqualTo(6);
        assertThat(job.rowsUpdated()).isEqualTo(1);
        assertThat(subscribers.count(admin)).isEqualTo(6);
        assertThat(find("b@shoehaus.de").lists()).isEmpty();
        assertThat(find("c@shoehaus.de").lists()).isEmpty();
        assertThat(find("a@shoehaus.de").name()).isEqualTo("A2");
        assertThat(imported(find("a@shoehaus.de"))).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("line 6 of file"));
        for (String email : List.of("d@shoehaus.de", "e@shoehaus.de", "f@shoehaus.de")) {
            assertThat(find(email).lists()).hasSize(1);
            assertThat(imported(find(email))).hasSize(1);
        }
    }

    @Test
    void aBrokenLineFailsTheImportAndKeepsTheWholeChunksBeforeIt() {
        ImportJob uploaded = upload("email\na@shoehaus.de\nb@shoehaus.de\nc@shoehaus.de\nd@shoehaus.de\n"
                + "e@shoehaus.de,\"never closed\n");
        imports.start(admin, uploaded.id(), null, "attested");
        ImportJob job = awaitFinished(uploaded.id());
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.error()).contains("not valid CSV after row 3");
        assertThat(job.rowsImported()).isEqualTo(3);
        assertThat(subscribers.count(admin)).isEqualTo(3);
    }
}
