package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.test.PostgresTest;

/** The audience data layer on PostgreSQL, plus what only PostgreSQL enforces. */
@PostgresTest
class PostgresAudienceDataTest extends AudienceDataContract {

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
}
