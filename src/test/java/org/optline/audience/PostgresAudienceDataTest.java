package org.optline.audience;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
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

    /** No foreign key refuses these rows any more: the orphan check is what finds them. */
    @Test
    void theOrphanCheckCountsWhatTheDroppedKeysWouldHaveRefused() {
        UUID clientId = client.client().id();
        var news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        var field = fields.create(admin, "interests", null, "multi");
        UUID nobody = UUID.randomUUID();
        try {
            scope.inClient(clientId, () -> {
                memberships.insertMembership(clientId, news.id(), nobody, MembershipStatus.CONFIRMED, OffsetDateTime.now());
                memberships.insertMembership(clientId, UUID.randomUUID(), nobody, MembershipStatus.CONFIRMED, OffsetDateTime.now());
                jdbc.sql("insert into subscriber_tags (client_id, field_id, subscriber_id, tag) values (:c, :f, :s, 'x')")
                        .param("c", clientId).param("f", field.id()).param("s", nobody).update();
            });
            assertThat(orphans.count(clientId)).isEqualTo(new Orphans.Counts(2, 1, 1, 0, 0, 0));
            assertThat(orphans.count(org.optline.test.Fixtures.operator()).total()).isGreaterThanOrEqualTo(4);
        } finally {
            scope.inClient(clientId, () -> {
                jdbc.sql("delete from list_memberships where subscriber_id = :s").param("s", nobody).update();
                jdbc.sql("delete from subscriber_tags where subscriber_id = :s").param("s", nobody).update();
            });
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
