package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the subscribers pages read and write, on H2 and on PostgreSQL: filtered, sorted, paged
 * browsing scoped to one client, the values a multi field has, adding by hand, leaving a list, and
 * the one multi-value separator.
 */
abstract class SubscriberDirectoryContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired SubscriberDirectory directory;
    @Autowired SubscriberStore store;
    @Autowired Suppressions suppressions;
    @Autowired TenantScope scope;

    Actor admin;
    Actor other;
    MailingList news;

    @BeforeEach
    void twoClients() {
        admin = Fixtures.admin(Fixtures.client(clients, "Directory"));
        other = Fixtures.admin(Fixtures.client(clients, "Directory Elsewhere"));
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        fields.create(admin, "interests", "Interests", "multi");
    }

    private Subscriber save(Actor actor, String email, String name, Map<String, Object> values, List<UUID> on) {
        return subscribers.save(actor, new SubscriberInput(email, name, values, on, null), false).subscriber();
    }

    private List<String> emails(String text, String status, UUID listId, String sort, int page, int size) {
        return directory.browse(admin, new SubscriberDirectory.Query(text, status, listId, sort, page, size)).items().stream()
                .map(Subscriber::email).toList();
    }

    @Test
    void browseFiltersSortsAndPagesOneClientsSubscribers() {
        save(admin, "ann@a.test", "Ann Gardener", Map.of(), List.of(news.id()));
        save(admin, "bob@b.test", "bob", Map.of(), List.of(news.id()));
        save(admin, "cid@c.test", null, Map.of(), List.of());
        save(admin, "dee_x@d.test", "Dee", Map.of(), List.of(news.id()));
        save(other, "ann@a2.test", "Ann Other", Map.of(), List.of());
        subscribers.correct(admin, subscribers.findByEmail(admin, "bob@b.test").orElseThrow().id(),
                new Subscribers.Correction(null, null, null, "unsubscribed"));

        assertThat(emails(null, null, null, "email", 1, 10)).containsExactly("ann@a.test", "bob@b.test", "cid@c.test", "dee_x@d.test");
        assertThat(emails(null, null, null, "-name", 1, 10)).containsExactly("dee_x@d.test", "bob@b.test", "ann@a.test", "cid@c.test");
        assertThat(emails(null, null, null, "name", 1, 10)).containsExactly("ann@a.test", "bob@b.test", "dee_x@d.test", "cid@c.test");
        assertThat(emails(null, null, null, "-created", 1, 10)).containsExactly("dee_x@d.test", "cid@c.test", "bob@b.test", "ann@a.test");
        assertThat(emails(null, null, null, "-status", 1, 10).get(0)).isEqualTo("bob@b.test");
        assertThat(emails("ANN", null, null, null, 1, 10)).containsExactly("ann@a.test");
        assertThat(emails("gardener", null, null, null, 1, 10)).containsExactly("ann@a.test");
        // LIKE wildcards in the text are plain characters.
        assertThat(emails("_x", null, null, null, 1, 10)).containsExactly("dee_x@d.test");
        assertThat(emails("%", null, null, null, 1, 10)).isEmpty();
        assertThat(emails(null, "unsubscribed", null, null, 1, 10)).containsExactly("bob@b.test");
        assertThat(emails(null, "active", news.id(), "email", 1, 10)).containsExactly("ann@a.test", "dee_x@d.test");

        var first = directory.browse(admin, new SubscriberDirectory.Query(null, null, null, "email", 1, 3));
        assertThat(first.matching()).isEqualTo(4);
        assertThat(first.hasNext()).isTrue();
        var second = directory.browse(admin, new SubscriberDirectory.Query(null, null, null, "email", 2, 3));
        assertThat(second.items()).extracting(Subscriber::email).containsExactly("dee_x@d.test");
        assertThat(second.hasNext()).isFalse();
        assertThat(directory.browse(other, new SubscriberDirectory.Query("ann", null, null, null, 1, 10)).items())
                .extracting(Subscriber::email).containsExactly("ann@a2.test");
        // Another client's list matches none of this client's subscribers.
        var theirs = lists.create(other, new Lists.ListInput("Theirs", null, "single"));
        assertThat(emails(null, null, theirs.id(), null, 1, 10)).isEmpty();
    }

    @Test
    void browseRefusesAnUnknownStatusOrOrder() {
        assertThatThrownBy(() -> emails(null, "asleep", null, null, 1, 10)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> emails(null, null, null, "size", 1, 10)).isInstanceOf(ValidationException.class);
    }

    @Test
    void knownValuesAreDistinctSortedPerFieldAndClient() {
        fields.create(other, "interests", "Interests", "multi");
        save(admin, "a@a.test", null, Map.of("interests", List.of("roses", "ferns")), List.of());
        save(admin, "b@a.test", null, Map.of("interests", List.of("ferns", "tulips")), List.of());
        save(other, "c@a.test", null, Map.of("interests", List.of("secret")), List.of());
        assertThat(directory.knownValues(admin)).containsExactly(Map.entry("interests", List.of("ferns", "roses", "tulips")));
        assertThat(directory.knownValues(other)).containsEntry("interests", List.of("secret"));
        String interests = fields.listFor(admin.clientId()).stream().filter(f -> f.key().equals("interests")).findFirst().orElseThrow().slot();
        assertThat(scope.inClient(admin.clientId(), () -> store.knownValues(admin.clientId(), interests, 2)))
                .containsExactly("ferns", "roses");
    }

    @Test
    void addingByHandRefusesAKnownAddressAndCanRecordAnOptOut() {
        save(admin, "kim@a.test", "Kim", Map.of(), List.of());
        assertThatThrownBy(() -> subscribers.add(admin, new SubscriberInput("KIM@a.test", "Other", Map.of(), List.of(), null),
                false, "active")).isInstanceOf(ConflictException.class);
        assertThat(subscribers.findByEmail(admin, "kim@a.test").orElseThrow().name()).isEqualTo("Kim");
        assertThatThrownBy(() -> subscribers.add(admin, new SubscriberInput("x@a.test", null, Map.of(), List.of(), null),
                false, "bounced")).isInstanceOf(ValidationException.class);

        Subscriber gone = subscribers.add(admin, new SubscriberInput("gone@a.test", null, Map.of(), List.of(), null), false, "unsubscribed");
        assertThat(gone.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", "gone@a.test"))).isTrue();
        // A refused add leaves nothing behind.
        assertThatThrownBy(() -> subscribers.add(admin, new SubscriberInput("half@a.test", null, Map.of("interests", List.of("a")),
                List.of(news.id()), null), false, "unsubscribed")).isInstanceOf(ValidationException.class);
        assertThat(subscribers.findByEmail(admin, "half@a.test")).isEmpty();
    }

    @Test
    void removingFromAListWithdrawsThatMembershipOnlyAndIsRecorded() {
        var club = lists.create(admin, new Lists.ListInput("Club", null, "single"));
        Subscriber s = save(admin, "kim@a.test", "Kim", Map.of(), List.of(news.id(), club.id()));
        subscribers.removeFromList(admin, s.id(), news.id());
        Subscriber after = subscribers.get(admin, s.id());
        assertThat(after.status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(after.lists()).extracting(m -> m.listName() + ":" + m.status().wireName())
                .containsExactlyInAnyOrder("News:unsubscribed", "Club:confirmed");
        assertThat(subscribers.consentLedger(admin, s.id())).filteredOn(e -> e.event() == ConsentAct.UNSUBSCRIBED)
                .singleElement().satisfies(e -> assertThat(e.listId()).isEqualTo(news.id()));
        // Again: nothing more happens, nothing more is recorded.
        subscribers.removeFromList(admin, s.id(), news.id());
        assertThat(subscribers.consentLedger(admin, s.id())).filteredOn(e -> e.event() == ConsentAct.UNSUBSCRIBED).hasSize(1);
        assertThatThrownBy(() -> subscribers.save(admin, new SubscriberInput("kim@a.test", null, null, List.of(news.id()), null), true))
                .isInstanceOf(ConflictException.class);
        var theirs = lists.create(other, new Lists.ListInput("Theirs", null, "single"));
        assertThatThrownBy(() -> subscribers.removeFromList(admin, s.id(), theirs.id())).isInstanceOf(ValidationException.class);
    }

    @Test
    void multiValuesHaveOneSeparatorEverywhere() {
        Subscriber fromText = save(admin, "t@a.test", null, Map.of("interests", " roses ;ferns;; roses| hedges "), List.of());
        assertThat(fromText.fields()).containsEntry("interests", List.of("ferns", "roses", "roses| hedges"));
        Subscriber fromList = save(admin, "l@a.test", null, Map.of("interests", List.of("roses", "ferns")), List.of());
        assertThat(fromList.fields()).containsEntry("interests", List.of("ferns", "roses"));
        assertThatThrownBy(() -> save(admin, "x@a.test", null, Map.of("interests", List.of("roses;ferns")), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(f -> assertThat(f.message()).isEqualTo("has a value containing ;, which separates values")));
    }
}
