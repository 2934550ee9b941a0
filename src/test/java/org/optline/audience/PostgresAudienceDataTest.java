package org.optline.audience;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.optline.audience.lists.ListStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.platform.ValidationException;
import org.optline.test.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The audience data layer on PostgreSQL, plus what only PostgreSQL enforces. */
@PostgresTest
class PostgresAudienceDataTest extends AudienceDataContract {

    @Autowired ParentLocks parents;
    @Autowired MembershipStore memberships;
    @Autowired ListStore listStore;

    @Override
    String vendor() {
        return "postgresql";
    }

    @Test
    void theConsentLedgerCannotBeRewritten() {
        var s = subscribers.save(admin, new SubscriberInput("ledger@shop.test", null, Map.of(), List.of(), null), false);
        subscribers.correct(admin, s.subscriber().id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThatThrownBy(() -> scope.inClient(client.client().id(), () -> jdbc.sql(
                "update consent_events set event = 'subscribed'").update())).hasMessageContaining("append-only");
        assertThatThrownBy(() -> scope.inClient(client.client().id(), () -> jdbc.sql(
                "delete from consent_events").update())).hasMessageContaining("append-only");
    }

    @Test
    void anImportsLedgerRowIsWrittenByTheAppRoleAndNeitherRewrittenNorDuplicated() {
        var news = lists.create(admin, new Lists.ListInput("Imported", null, "single"));
        UUID clientId = client.client().id();
        UUID importId = UUID.randomUUID();
        var evidence = new ConsentStore.ImportEvidence(importId, news.id(), null, "Opted in at the till", "ef56", "pat@shop.test");
        long row = scope.inClient(clientId, () -> consent.importRow(clientId, evidence, OffsetDateTime.now(ZoneOffset.UTC)));
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select detail from consent_events where id = :id")
                .param("id", row).query(String.class).single())).isEqualTo("file sha256:ef56, attested by pat@shop.test");
        assertThatThrownBy(() -> scope.inClient(clientId, () -> jdbc.sql(
                "update consent_events set consent_text = 'something else' where id = :id").param("id", row).update()))
                .hasMessageContaining("append-only");
        // The unique key stops a second row for the import even from a writer that skips the check.
        assertThatThrownBy(() -> scope.inClient(clientId, () -> jdbc.sql("insert into consent_events (client_id, at, event, "
                + "source_kind, source_id) values (:c, :at, 'imported', 'import', :i)").param("c", clientId)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).param("i", importId.toString()).update()))
                .hasMessageContaining("consent_events_import_key");
        Subscriber person = subscribers.save(admin, new SubscriberInput("linked@shop.test", null, Map.of(), List.of(), null), false)
                .subscriber();
        scope.inClient(clientId, () -> memberships.insertImported(clientId, news.id(), row,
                List.of(new MembershipStore.ImportedMember(person.id(), 2)), MembershipStatus.CONFIRMED, OffsetDateTime.now(ZoneOffset.UTC)));
        assertThatThrownBy(() -> scope.inClient(clientId, () -> jdbc.sql("update list_memberships set consent_line = 3 "
                + "where subscriber_id = :s").param("s", person.id()).update())).hasMessageContaining("are fixed");
        subscribers.correct(admin, person.id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThat(subscribers.consentLedger(admin, person.id())).extracting(ConsentEvent::event)
                .containsExactly(ConsentAct.IMPORTED, ConsentAct.UNSUBSCRIBED);
    }

    /** No foreign key refuses these rows any more: the orphan check is what finds them. */
    @Test
    void theOrphanCheckCountsWhatTheDroppedKeysWouldHaveRefused() {
        UUID clientId = client.client().id();
        var news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        UUID nobody = UUID.randomUUID();
        UUID nobodyImported = UUID.randomUUID();
        try {
            scope.inClient(clientId, () -> {
                memberships.insertMembership(clientId, news.id(), nobody, MembershipStatus.CONFIRMED, OffsetDateTime.now());
                memberships.insertMembership(clientId, UUID.randomUUID(), nobody, MembershipStatus.CONFIRMED, OffsetDateTime.now());
                // A membership naming an import ledger row that is not there.
                jdbc.sql("insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at, "
                                + "consent_event_id, consent_line) values (:c, :l, :s, 'confirmed', now(), now(), -1, 5)")
                        .param("c", clientId).param("l", news.id()).param("s", nobodyImported).update();
            });
            assertThat(orphans.count(clientId)).isEqualTo(new Orphans.Counts(3, 1, 1, 0, 0));
            assertThat(orphans.count(org.optline.test.Fixtures.operator()).total()).isGreaterThanOrEqualTo(5);
        } finally {
            scope.inClient(clientId, () -> jdbc.sql("delete from list_memberships where subscriber_id in (:s, :t)")
                    .param("s", nobody).param("t", nobodyImported).update());
        }
        assertThat(orphans.count(clientId)).isEqualTo(NO_ORPHANS);
    }

    /**
     * A writer holds the list's FOR KEY SHARE and has added a member; the list's deletion waits for
     * it (its FOR UPDATE conflicts), then deletes the member the writer committed.
     */
    @Test
    void aListDeletedWhileAMemberIsAddedWaitsAndTakesTheNewMemberWithIt() throws Exception {
        UUID clientId = client.client().id();
        var news = lists.create(admin, new Lists.ListInput("Race", null, "single"));
        UUID id = subscribers.save(admin, new SubscriberInput("racer@shop.test", null, Map.of(), List.of(), null), false)
                .subscriber().id();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> scope.inClient(clientId, () -> {
                assertThat(parents.lockSubscribers(clientId, List.of(id))).containsExactly(id);
                assertThat(parents.lockList(clientId, news.id())).isTrue();
                memberships.insertMembership(clientId, news.id(), id, MembershipStatus.CONFIRMED, OffsetDateTime.now());
                written.countDown();
                awaitQuietly(release);
            }));
            assertThat(written.await(60, SECONDS)).isTrue();
            Future<?> deleter = threads.submit(() -> lists.delete(admin, news.id()));
            await().atMost(Duration.ofSeconds(60)).until(() -> waitingForALock("for update"));
            assertThat(deleter).as("the deletion waits for the writer").isNotDone();
            release.countDown();
            writer.get(60, SECONDS);
            deleter.get(60, SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from list_memberships where list_id = :l")
                .param("l", news.id()).query(Long.class).single())).isZero();
        assertThat(orphans.count(clientId)).isEqualTo(NO_ORPHANS);
    }

    /**
     * The other order: a deletion holds the list's FOR UPDATE; a writer's FOR KEY SHARE waits for
     * it, then finds no list and adds no member.
     */
    @Test
    void aMemberAddedWhileItsListIsDeletedWaitsAndIsRefused() throws Exception {
        UUID clientId = client.client().id();
        var news = lists.create(admin, new Lists.ListInput("Race", null, "single"));
        subscribers.save(admin, new SubscriberInput("late@shop.test", null, Map.of(), List.of(), null), false);
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<?> writer;
        try {
            Future<?> deleter = threads.submit(() -> scope.inClient(clientId, () -> {
                assertThat(parents.lockListForDelete(clientId, news.id())).isTrue();
                memberships.deleteOfList(clientId, news.id());
                listStore.delete(clientId, news.id());
                deleted.countDown();
                awaitQuietly(release);
            }));
            assertThat(deleted.await(60, SECONDS)).isTrue();
            writer = threads.submit(() -> subscribers.save(admin,
                    new SubscriberInput("late@shop.test", null, Map.of(), List.of(news.id()), null), false));
            await().atMost(Duration.ofSeconds(60)).until(() -> waitingForALock("for key share"));
            assertThat(writer).as("the writer waits for the deletion").isNotDone();
            release.countDown();
            deleter.get(60, SECONDS);
            assertThatThrownBy(() -> writer.get(60, SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ValidationException.class).hasMessageContaining("list that does not exist");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(subscribers.findByEmail(admin, "late@shop.test").orElseThrow().lists()).isEmpty();
        assertThat(orphans.count(clientId)).isEqualTo(NO_ORPHANS);
    }

    /** Whether another session of this database waits for a row lock in a statement holding {@code clause}. */
    private boolean waitingForALock(String clause) {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                        + " and pid <> pg_backend_pid() and position(:clause in lower(query)) > 0")
                .param("clause", clause).query(Long.class).single() > 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(120, SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
