package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.CreatedClient;
import org.optline.platform.NotFoundException;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audience data layer, run on H2 and on PostgreSQL. */
abstract class AudienceDataContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired Preferences preferences;
    @Autowired SubscriberTokens tokens;
    @Autowired Orphans orphans;

    CreatedClient client;
    Actor admin;

    @BeforeEach
    void aClient() {
        client = Fixtures.client(clients, "Audience");
        admin = Fixtures.admin(client);
    }

    private MailingList list(String name, String optIn) {
        return lists.create(admin, new Lists.ListInput(name, null, optIn));
    }

    private Subscriber save(String email, Map<String, Object> values, List<UUID> listIds) {
        return subscribers.save(admin, new SubscriberInput(email, "Pat", values, listIds, null), false).subscriber();
    }

    @Test
    void multiFieldsTakeTheirOwnArraySlotsAndASixthIsRefused() {
        List<CustomField> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(fields.create(admin, "multi" + i, null, "multi"));
        }
        assertThat(created).extracting(CustomField::slot).containsExactly("multi_1", "multi_2", "multi_3", "multi_4", "multi_5");
        assertThatThrownBy(() -> fields.create(admin, "multi6", null, "multi")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsExactly(
                        new ValidationException.FieldError("type", "a client can have at most 5 multi fields")));
        assertThat(fields.list(admin)).hasSize(5);
        // Each field keeps its own values in its own column; a change to one leaves the others alone.
        Subscriber s = save("five@shop.test", Map.of("multi1", "b;a;b", "multi3", List.of(" z ", "y"), "multi5", "one"), List.of());
        assertThat(s.fields()).containsOnly(Map.entry("multi1", List.of("a", "b")), Map.entry("multi3", List.of("y", "z")),
                Map.entry("multi5", List.of("one")));
        Subscriber changed = save("five@shop.test", Map.of("multi3", "x"), List.of());
        assertThat(changed.fields()).containsOnly(Map.entry("multi1", List.of("a", "b")), Map.entry("multi3", List.of("x")),
                Map.entry("multi5", List.of("one")));
        assertThat(save("five@shop.test", Map.of("multi1", " ; "), List.of()).fields()).as("no values clears the field")
                .containsOnly(Map.entry("multi3", List.of("x")), Map.entry("multi5", List.of("one")));
        // Another client's slots are its own.
        var other = Fixtures.admin(Fixtures.client(clients, "Other multi"));
        assertThat(fields.create(other, "interests", null, "multi").slot()).isEqualTo("multi_1");
    }

    @Test
    void typedFieldsRoundTripThroughTheirSlots() {
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "age", "Age", "number");
        fields.create(admin, "signup_date", "Signed up", "date");
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "interests", "Interests", "multi");
        var news = list("News", "single");
        Subscriber s = save("Pat@Example.ORG", Map.of("country", "US", "age", 41.5, "signup_date", "2026-01-31",
                "vip", "yes", "interests", List.of("shoes", "hats", "shoes")), List.of(news.id()));
        assertThat(s.email()).isEqualTo("Pat@example.org");
        assertThat(s.fields()).containsEntry("country", "US").containsEntry("age", "41.5")
                .containsEntry("signup_date", "2026-01-31").containsEntry("vip", "true")
                .containsEntry("interests", List.of("hats", "shoes"));
        assertThat(s.lists()).singleElement().satisfies(m -> {
            assertThat(m.listId()).isEqualTo(news.id());
            assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED);
        });
    }

    @Test
    void whetherSubscribersMayEditAFieldIsStoredAndChangedOnlyByItsClient() {
        var vip = fields.create(admin, "vip", "VIP", "boolean");
        var nickname = fields.create(admin, "nickname", "Nickname", "text", true);
        assertThat(fields.list(admin)).extracting(CustomField::key, CustomField::subscriberEditable)
                .containsExactlyInAnyOrder(tuple("vip", false), tuple("nickname", true));

        fields.change(admin, vip.id(), "Very important", null);
        fields.change(admin, nickname.id(), null, false);
        assertThat(fields.list(admin)).extracting(CustomField::label, CustomField::subscriberEditable)
                .containsExactlyInAnyOrder(tuple("Very important", false), tuple("Nickname", false));

        Actor other = Fixtures.admin(Fixtures.client(clients, "Audience Other"));
        assertThatThrownBy(() -> fields.change(other, vip.id(), "Taken", true)).isInstanceOf(NotFoundException.class);
        assertThat(fields.list(admin)).filteredOn(f -> f.key().equals("vip")).singleElement()
                .extracting(CustomField::label, CustomField::subscriberEditable).containsExactly("Very important", false);
    }

    @Test
    void thePreferenceCentreWritesOnlyTheFieldsSubscribersMayEdit() {
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "interests", "Interests", "multi", true);
        Subscriber s = save("pref@example.org", Map.of("vip", false, "interests", List.of("shoes")), List.of());
        String token = tokens.preferences(client.client().id(), s.id());

        assertThat(preferences.view(token).orElseThrow().fields()).extracting(CustomField::key).containsExactly("interests");
        assertThat(preferences.view(token).orElseThrow().values()).containsOnlyKeys("interests");
        preferences.save(token, "Pat", Map.of("vip", "true", "interests", "hats;shoes"), java.util.Set.of(), "203.0.113.4", "Test");
        assertThat(subscribers.get(admin, s.id()).fields()).containsEntry("vip", "false")
                .containsEntry("interests", List.of("hats", "shoes"));
    }

    /** The migration that introduced the flag keeps the usual name fields editable and makes the rest internal. */
    @Test
    void fieldsFromBeforeTheFlagStayEditableOnlyWhenTheyHoldAName() throws Exception {
        fields.create(admin, "first_name", "First name", "text");
        fields.create(admin, "surname", "Surname", "text");
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "first_name_tags", "Tags", "multi");
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/" + vendor() + "/V26_1__subscriber_editable_name_fields.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String update = migration.substring(migration.indexOf("update custom_fields"));
        scope.asPlatform(() -> jdbc.sql(update.strip().replaceFirst(";$", "")).update());
        assertThat(fields.list(admin)).filteredOn(CustomField::subscriberEditable).extracting(CustomField::key)
                .containsExactlyInAnyOrder("first_name", "surname");
    }

    /** The vendor folder of the migrations this database runs ({@code h2} or {@code postgresql}). */
    abstract String vendor();

    @Test
    void datesEitherDatabaseCannotStoreAsWrittenAreRefusedAndTheEarliestAndLatestAreKept() {
        fields.create(admin, "signup_date", "Signed up", "date");
        for (String bad : List.of("0000-01-01", "-0001-01-01", "+10000-01-01")) {
            assertThatThrownBy(() -> save("odd@example.org", Map.of("signup_date", bad), List.of()))
                    .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(((ValidationException) e).errors())
                            .anySatisfy(f -> assertThat(f.message()).contains("0001-01-01")));
        }
        assertThat(save("first@example.org", Map.of("signup_date", "0001-01-01"), List.of()).fields())
                .containsEntry("signup_date", "0001-01-01");
        assertThat(save("last@example.org", Map.of("signup_date", "9999-12-31"), List.of()).fields())
                .containsEntry("signup_date", "9999-12-31");
    }

    @Autowired SubscriberStore store;
    @Autowired MembershipStore memberships;
    @Autowired ConsentStore consent;

    @Test
    void setBasedWritesLongerThanOneArrayParameterGoInPieces() {
        var interests = fields.create(admin, "interests", "Interests", "multi");
        var news = list("News", "single");
        UUID clientId = admin.clientId();
        int n = SqlArrays.MAX_ELEMENTS + 50;
        List<SubscriberStore.NewSubscriber> rows = new ArrayList<>();
        List<MembershipStore.ImportedMember> joined = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            rows.add(new SubscriberStore.NewSubscriber(id, "p" + i + "@bulk.example",
                    "p" + i + "@bulk.example", null, Map.of(interests.slot(), List.of("a", "b"))));
            joined.add(new MembershipStore.ImportedMember(id, i + 2));
        }
        var at = OffsetDateTime.now(ZoneOffset.UTC);
        UUID importId = UUID.randomUUID();
        var evidence = new ConsentStore.ImportEvidence(importId, news.id(), null, "test", "ab12", "pat@shop.test");
        scope.inClient(clientId, () -> {
            store.insertAll(clientId, rows, at);
            long row = consent.importRow(clientId, evidence, at);
            memberships.insertImported(clientId, news.id(), row, joined, MembershipStatus.CONFIRMED, at);
            return null;
        });
        long[] counts = scope.inClient(clientId, () -> new long[] {
                jdbc.sql("select count(*) from subscribers where client_id = :c").param("c", clientId).query(Long.class).single(),
                // The field's values, two per subscriber, in its array column (slot names are a fixed set).
                jdbc.sql("select sum(cardinality(" + interests.slot() + ")) from subscribers where client_id = :c")
                        .param("c", clientId).query(Long.class).single(),
                jdbc.sql("select count(*) from list_memberships where client_id = :c").param("c", clientId).query(Long.class).single(),
                jdbc.sql("select count(*) from consent_events where client_id = :c").param("c", clientId).query(Long.class).single()});
        assertThat(counts).containsExactly(n, 2L * n, n, 1);
        Subscriber last = subscribers.findByEmail(admin, "p" + (n - 1) + "@bulk.example").orElseThrow();
        assertThat(last.fields()).containsEntry("interests", List.of("a", "b"));
        assertThat(subscribers.consentLedger(admin, last.id())).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(ConsentAct.IMPORTED);
            assertThat(e.sourceId()).isEqualTo(importId.toString());
            assertThat(e.detail()).isEqualTo("line " + (n + 1) + " of file sha256:ab12, attested by pat@shop.test");
        });
    }

    @Test
    void anImportsLedgerRowIsWrittenOnceAndTheOtherEventsSortAroundItByTime() {
        var news = list("News", "single");
        UUID clientId = admin.clientId();
        Subscriber early = save("early@shop.test", Map.of(), List.of(list("Other", "single").id()));
        var at = early.createdAt().plusNanos(1000);
        var evidence = new ConsentStore.ImportEvidence(UUID.randomUUID(), news.id(), "192.0.2.1", "Opted in at the till",
                "cd34", "pat@shop.test");
        long first = scope.inClient(clientId, () -> consent.importRow(clientId, evidence, at));
        // Found again, not written again, by a later batch or a resumed import, whatever its time.
        long again = scope.inClient(clientId, () -> consent.importRow(clientId, evidence, at.plusMinutes(5)));
        assertThat(again).isEqualTo(first);
        scope.inClient(clientId, () -> {
            memberships.insertImported(clientId, news.id(), first, List.of(new MembershipStore.ImportedMember(early.id(), 7)),
                    MembershipStatus.CONFIRMED, at);
            return null;
        });
        subscribers.correct(admin, early.id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from consent_events where client_id = :c "
                + "and subscriber_id is null").param("c", clientId).query(Long.class).single())).isEqualTo(1);
        // Its own subscribe row, then the import (at its row's time), then the unsubscribe it
        // caused; the imported membership stays, unsubscribed, and so does its evidence.
        assertThat(subscribers.consentLedger(admin, early.id())).extracting(ConsentEvent::event)
                .containsExactly(ConsentAct.SUBSCRIBED, ConsentAct.IMPORTED, ConsentAct.UNSUBSCRIBED);
        assertThat(subscribers.consentLedger(admin, early.id()).get(1)).satisfies(e -> {
            assertThat(e.at()).isAtSameInstantAs(at);
            assertThat(e.listId()).isEqualTo(news.id());
            assertThat(e.sourceKind()).isEqualTo(ConsentChannel.IMPORT);
            assertThat(e.ip()).isEqualTo("192.0.2.1");
            assertThat(e.consentText()).isEqualTo("Opted in at the till");
            assertThat(e.detail()).isEqualTo("line 7 of file sha256:cd34, attested by pat@shop.test");
        });
    }

    @Test
    void anImportRowWithoutASubscriberIsRefusedForAnyOtherKindOfEvent() {
        UUID clientId = admin.clientId();
        assertThatThrownBy(() -> scope.inClient(clientId, () -> jdbc.sql("insert into consent_events (client_id, at, event, "
                + "source_kind, source_id) values (:c, :at, 'subscribed', 'form', 'x')").param("c", clientId)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).update())).hasMessageContaining("consent_events_subscriber_check");
    }

    @Test
    void theSameAddressInAnotherCaseUpdatesTheSameSubscriber() {
        fields.create(admin, "city", null, "text");
        Subscriber first = save("sam@shop.test", Map.of("city", "Oslo"), List.of());
        var saved = subscribers.save(admin, new SubscriberInput("SAM@Shop.Test", null, Map.of("city", "Bergen"), List.of(), null), false);
        assertThat(saved.created()).isFalse();
        assertThat(saved.subscriber().id()).isEqualTo(first.id());
        assertThat(saved.subscriber().fields()).containsEntry("city", "Bergen");
        assertThat(saved.subscriber().name()).isEqualTo("Pat");
    }

    @Test
    void badValuesAndUnknownFieldsAreValidationErrorsNamingTheField() {
        fields.create(admin, "age", null, "number");
        assertThatThrownBy(() -> save("a@shop.test", Map.of("age", "forty"), List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(ValidationException.FieldError::field)
                        .containsExactly("fields.age"));
        assertThatThrownBy(() -> save("a@shop.test", Map.of("shoe_size", "9"), List.of()))
                .isInstanceOf(ValidationException.class);
        assertThat(subscribers.findByEmail(admin, "a@shop.test")).isEmpty();
    }

    @Test
    void doubleOptInListsWaitForConfirmationUnlessPreconfirmed() {
        var weekly = list("Weekly", "double");
        Subscriber waiting = save("w@shop.test", Map.of(), List.of(weekly.id()));
        assertThat(waiting.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.UNCONFIRMED);
        Subscriber stated = subscribers.save(admin, new SubscriberInput("c@shop.test", null, Map.of(), List.of(weekly.id()), null), true)
                .subscriber();
        assertThat(stated.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.CONFIRMED);
        assertThat(subscribers.consentLedger(admin, stated.id())).extracting(ConsentEvent::event)
                .containsExactly(ConsentAct.SUBSCRIBED, ConsentAct.CONFIRMED);
    }

    @Test
    void anotherClientsListIsNotAcceptedAndNotTouched() {
        var other = Fixtures.client(clients, "Other");
        var theirs = lists.create(Fixtures.admin(other), new Lists.ListInput("Theirs", null, "single"));
        assertThatThrownBy(() -> save("x@shop.test", Map.of(), List.of(theirs.id()))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> lists.get(admin, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThat(lists.memberCounts(Fixtures.admin(other))).isEmpty();
    }

    @Test
    void unsubscribingSuppressesAndBlocksReAddingToLists() {
        var news = list("News", "single");
        Subscriber s = save("leaver@shop.test", Map.of(), List.of(news.id()));
        subscribers.correct(admin, s.id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        Subscriber after = subscribers.get(admin, s.id());
        assertThat(after.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(after.lists()).extracting(Membership::status).containsOnly(MembershipStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed(client.client().id(), EmailAddress.of("e", "LEAVER@shop.test"))).isTrue();
        assertThatThrownBy(() -> save("leaver@shop.test", Map.of(), List.of(news.id()))).isInstanceOf(ConflictException.class);
        assertThat(subscribers.consentLedger(admin, s.id())).extracting(ConsentEvent::event).containsExactly(ConsentAct.SUBSCRIBED, ConsentAct.UNSUBSCRIBED);
    }

    @Test
    void erasureLeavesOnlyATombstoneAndAHashedSuppression() {
        fields.create(admin, "tags", null, "multi");
        var news = list("News", "single");
        Subscriber s = save("gone@shop.test", Map.of("tags", List.of("a")), List.of(news.id()));
        String hash = EmailAddress.of("e", "gone@shop.test").hash();
        subscribers.erase(admin, s.id(), "GDPR request");
        assertThatThrownBy(() -> subscribers.get(admin, s.id())).isInstanceOf(NotFoundException.class);
        UUID clientId = client.client().id();
        scope.inClient(clientId, () -> {
            assertThat(jdbc.sql("select count(*) from consent_events where subscriber_id = :id").param("id", s.id())
                    .query(Long.class).single()).isZero();
            // The row went, and with it the multi field's values it carried.
            assertThat(jdbc.sql("select count(*) from subscribers where id = :id").param("id", s.id())
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from list_memberships where subscriber_id = :id").param("id", s.id())
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select email_hash from erasure_tombstones where client_id = :c").param("c", clientId)
                    .query(String.class).list()).containsExactly(hash);
            assertThat(jdbc.sql("select count(*) from suppressions where client_id = :c and email_hash = :h and email is null")
                    .param("c", clientId).param("h", hash).query(Long.class).single()).isEqualTo(1);
        });
        assertThatThrownBy(() -> save("gone@shop.test", Map.of(), List.of(news.id()))).isInstanceOf(ConflictException.class);
        assertThat(orphans.count(clientId)).as("nothing of the subscriber is left pointing at it").isEqualTo(NO_ORPHANS);
    }

    @Test
    void searchFiltersByPrefixStatusAndListAndPagesStably() {
        var news = list("News", "single");
        for (int i = 0; i < 7; i++) {
            save("reader" + i + "@shop.test", Map.of(), i % 2 == 0 ? List.of(news.id()) : List.of());
        }
        save("other@shop.test", Map.of(), List.of());
        assertThat(subscribers.search(admin, "READER", null, null, null, 50).items()).hasSize(7);
        assertThat(subscribers.search(admin, "reader", null, news.id(), null, 50).items()).hasSize(4);
        assertThat(subscribers.search(admin, "%", null, null, null, 50).items()).isEmpty();
        var first = subscribers.search(admin, "reader", "active", null, null, 3);
        var second = subscribers.search(admin, "reader", "active", null, first.nextCursor(), 3);
        var third = subscribers.search(admin, "reader", "active", null, second.nextCursor(), 3);
        assertThat(first.items()).hasSize(3);
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void aClientHasSeveralMultiValueFieldsEachWithItsOwnValues() {
        fields.create(admin, "interests", "Interests", "multi");
        fields.create(admin, "sizes", "Sizes", "multi");
        fields.create(admin, "colours", "Colours", "multi");
        Subscriber s = save("multi@example.org", Map.of("interests", List.of("shoes", "hats"), "sizes", List.of("M"),
                "colours", List.of("red", "shoes")), List.of());
        assertThat(s.fields()).containsEntry("interests", List.of("hats", "shoes")).containsEntry("sizes", List.of("M"))
                .containsEntry("colours", List.of("red", "shoes"));
    }

    @Test
    void fieldKeysAreUniqueAndSlotsRunOut() {
        fields.create(admin, "a1", null, "boolean");
        assertThatThrownBy(() -> fields.create(admin, "a1", null, "text")).isInstanceOf(ConflictException.class);
        for (int i = 2; i <= 5; i++) {
            fields.create(admin, "a" + i, null, "boolean");
        }
        assertThatThrownBy(() -> fields.create(admin, "a6", null, "boolean")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fields.create(admin, "email", null, "text")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fields.create(admin, "Bad Key", null, "text")).isInstanceOf(ValidationException.class);
    }

    @Test
    void deletingAListKeepsItsSubscribers() {
        var news = list("News", "single");
        Subscriber s = save("stay@shop.test", Map.of(), List.of(news.id()));
        lists.delete(admin, news.id());
        assertThat(subscribers.get(admin, s.id()).lists()).isEmpty();
    }

    static final Orphans.Counts NO_ORPHANS = new Orphans.Counts(0, 0, 0, 0, 0);

    @Test
    void deletingAListDeletesItsMembershipsAndNoOtherListsOnes() {
        fields.create(admin, "interests", null, "multi");
        var news = list("News", "single");
        var offers = list("Offers", "double");
        Subscriber s = save("two-lists@shop.test", Map.of("interests", List.of("shoes")), List.of(news.id(), offers.id()));
        Subscriber t = save("one-list@shop.test", Map.of(), List.of(news.id()));
        lists.delete(admin, news.id());
        UUID clientId = client.client().id();
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select count(*) from list_memberships where list_id = :l")
                .param("l", news.id()).query(Long.class).single())).isZero();
        assertThat(subscribers.get(admin, s.id()).lists()).extracting(Membership::listId).containsExactly(offers.id());
        assertThat(subscribers.get(admin, t.id()).lists()).isEmpty();
        assertThat(subscribers.get(admin, s.id()).fields()).containsEntry("interests", List.of("shoes"));
        assertThat(orphans.count(clientId)).isEqualTo(NO_ORPHANS);
        assertThatThrownBy(() -> lists.delete(admin, news.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSubscriberCannotJoinADeletedList() {
        var gone = list("Gone", "single");
        lists.delete(admin, gone.id());
        assertThatThrownBy(() -> save("late@shop.test", Map.of(), List.of(gone.id())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("list that does not exist");
        assertThat(subscribers.findByEmail(admin, "late@shop.test")).isEmpty();
        assertThat(orphans.count(client.client().id())).isEqualTo(NO_ORPHANS);
    }

    @Test
    void theOrphanCountAcrossClientsIsTheOperatorsAndFindsNone() {
        var news = list("News", "single");
        save("counted@shop.test", Map.of(), List.of(news.id()));
        assertThatThrownBy(() -> orphans.count(admin)).isInstanceOf(NotFoundException.class);
        // Every client's rows in the shared database: whatever the other tests did, nothing is orphaned.
        assertThat(orphans.count(Fixtures.operator())).isEqualTo(NO_ORPHANS);
    }
}
