package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.OutboxSearch;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox store's search and lookup on H2 and PostgreSQL: each filter alone and together, keyset
 * pages that keep the filters, and who sees the platform-held confirmation mail sent for a client
 * (that client's admins through {@code onBehalf}, never another client; on PostgreSQL row-level
 * security draws the same line).
 */
abstract class OutboxSearchContract {

    @Autowired Clients clients;
    @Autowired OutboxStore store;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    CreatedClient a;
    CreatedClient b;
    UUID campaignOne = UUID.randomUUID();
    UUID campaignTwo = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    @BeforeEach
    void twoClientsWithMail() {
        a = Fixtures.client(clients, "Search A");
        b = Fixtures.client(clients, "Search B");
        UUID ca = a.client().id();
        UUID cb = b.client().id();
        mail(ca, campaignOne, "campaign", "Anna@Example.de");
        mail(ca, campaignOne, "campaign", "bert@example.de");
        mail(ca, campaignTwo, "campaign", "anna@example.de");
        mail(ca, null, "test", "100%_sure@example.de");
        mail(cb, UUID.randomUUID(), "campaign", "anna@example.de");
        platform(ca, "carla@example.de");
        platform(cb, "dirk@example.de");
    }

    private void mail(UUID clientId, UUID campaignId, String kind, String to) {
        var m = message(clientId, campaignId, kind, to);
        scope.inClient(clientId, () -> store.insert(m));
    }

    private void platform(UUID onBehalfOf, String to) {
        var m = message(null, null, "confirmation", to);
        scope.asPlatform(() -> store.insert(m, onBehalfOf));
    }

    private OutboxMessage message(UUID clientId, UUID campaignId, String kind, String to) {
        at = at.plusSeconds(1);
        return new OutboxMessage(UUID.randomUUID(), clientId, campaignId, kind, "bounces@example.net", to, "Hello " + to,
                "Subject: Hello\r\n\r\nHi\r\n", at);
    }

    private List<String> recipients(CreatedClient who, boolean onBehalf, OutboxSearch search) {
        UUID clientId = who.client().id();
        return scope.inClient(clientId, () -> store.search(clientId, onBehalf, search, null, 50)).stream()
                .map(OutboxMessage::recipient).toList();
    }

    @Test
    void eachFilterNarrowsAndTheyCombine() {
        assertThat(recipients(a, false, OutboxSearch.ANY)).containsExactly("100%_sure@example.de", "anna@example.de",
                "bert@example.de", "Anna@Example.de");
        assertThat(recipients(a, false, new OutboxSearch("ANNA@", null, null)))
                .containsExactly("anna@example.de", "Anna@Example.de");
        assertThat(recipients(a, false, new OutboxSearch(null, campaignOne, null)))
                .containsExactly("bert@example.de", "Anna@Example.de");
        assertThat(recipients(a, false, new OutboxSearch("anna", campaignTwo, "campaign"))).containsExactly("anna@example.de");
        assertThat(recipients(a, false, new OutboxSearch(null, null, "test"))).containsExactly("100%_sure@example.de");
        assertThat(recipients(a, false, new OutboxSearch(null, campaignOne, "test"))).isEmpty();
        // like's wildcards are plain characters in a search.
        assertThat(recipients(a, false, new OutboxSearch("0%_s", null, null))).containsExactly("100%_sure@example.de");
        assertThat(recipients(a, false, new OutboxSearch("a%a", null, null))).isEmpty();
    }

    @Test
    void pagesKeepTheFilters() {
        UUID clientId = a.client().id();
        var search = new OutboxSearch(null, null, "campaign");
        List<OutboxMessage> first = scope.inClient(clientId, () -> store.search(clientId, false, search, null, 2));
        assertThat(first).extracting(OutboxMessage::recipient).containsExactly("anna@example.de", "bert@example.de");
        var last = first.get(1);
        var cursor = new org.optline.platform.Cursor(last.createdAt(), last.id());
        List<OutboxMessage> next = scope.inClient(clientId, () -> store.search(clientId, false, search, cursor, 2));
        assertThat(next).extracting(OutboxMessage::recipient).containsExactly("Anna@Example.de");
    }

    @Test
    void aClientsConfirmationMailIsItsAdminsToReadAndNobodyElses() {
        assertThat(recipients(a, true, new OutboxSearch(null, null, "confirmation"))).containsExactly("carla@example.de");
        assertThat(recipients(a, false, new OutboxSearch(null, null, "confirmation"))).isEmpty();
        assertThat(recipients(b, true, OutboxSearch.ANY)).containsExactly("dirk@example.de", "anna@example.de");

        UUID ca = a.client().id();
        UUID cb = b.client().id();
        var confirmations = new OutboxSearch(null, null, "confirmation");
        UUID carla = scope.inClient(ca, () -> store.search(ca, true, confirmations, null, 5)).get(0).id();
        UUID dirk = scope.inClient(cb, () -> store.search(cb, true, confirmations, null, 5)).get(0).id();
        assertThat(scope.inClient(ca, () -> store.find(ca, carla, true))).isPresent();
        assertThat(scope.inClient(ca, () -> store.find(ca, carla, false))).isEmpty();
        assertThat(scope.inClient(ca, () -> store.find(ca, dirk, true))).isEmpty();
        // Operators read platform mail, every client's confirmations among it, and no client's own mail.
        assertThat(scope.asPlatform(() -> store.search(null, false, OutboxSearch.ANY, null, 500)))
                .extracting(OutboxMessage::recipient).contains("carla@example.de", "dirk@example.de")
                .doesNotContain("bert@example.de");
        if (scope.isPostgres()) {
            // Row-level security alone, without the statement's filter: client A's scope holds its
            // own mail and its confirmations, and nothing of client B's.
            List<String> visible = scope.inClient(ca, () -> jdbc.sql("select recipient from outbox_messages")
                    .query(String.class).list());
            assertThat(visible).contains("carla@example.de", "bert@example.de").doesNotContain("dirk@example.de")
                    .hasSize(5);
        }
    }
}
