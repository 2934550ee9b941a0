package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The settings an operator and a client's admins change, on H2 and PostgreSQL (the subclasses):
 * a client's postal address and time zone, users' roles with the last admin kept, and the audit
 * log read through its filters, every client only its own part.
 */
abstract class SettingsDataContract {

    @Autowired Clients clients;
    @Autowired Users users;
    @Autowired AuditLog audit;

    @Test
    void changeDetailsKeepsTheAddressLinesAndSpellsTheZoneAsTheJvmDoes() {
        var c = Fixtures.client(clients, "Detail Changer");
        Client changed = clients.changeDetails(Fixtures.operator(), c.client().id(),
                new ClientDetails("\r\nDetail Changer GmbH  \r\nHauptstr. 1\r\n10115 Berlin\r\n\r\n", "europe/berlin"));
        assertThat(changed.postalAddress()).isEqualTo("Detail Changer GmbH\nHauptstr. 1\n10115 Berlin");
        assertThat(changed.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(clients.get(Fixtures.operator(), c.client().id())).isEqualTo(changed);
        assertThat(changed.footerAddress()).isEqualTo("Hauptstr. 1\n10115 Berlin");
        assertThat(audit.search(Fixtures.operator(), new AuditFilter(null, "client.details_changed", null, null, c.client().id()),
                null, 10).items()).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("postal address; time zone UTC -> Europe/Berlin"));
    }

    @Test
    void changeDetailsRefusesAnUnknownZoneOrNoAddressAndKeepsWhatWasStored() {
        var c = Fixtures.client(clients, "Detail Keeper");
        UUID id = c.client().id();
        assertThatThrownBy(() -> clients.changeDetails(Fixtures.operator(), id, new ClientDetails("2 New Street", "Mars/Olympus")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(PageErrors.sentence((ValidationException) e))
                        .isEqualTo("Time zone must be one of the listed time zones, such as Europe/Berlin or America/New_York."));
        assertThatThrownBy(() -> clients.changeDetails(Fixtures.operator(), id, new ClientDetails(" \r\n ", "Europe/Paris")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("postalAddress is required");
        assertThat(clients.get(Fixtures.operator(), id)).isEqualTo(c.client());
    }

    @Test
    void onlyOperatorsChangeAClientsDetails() {
        var c = Fixtures.client(clients, "Detail Self");
        assertThatThrownBy(() -> clients.changeDetails(Fixtures.admin(c), c.client().id(), new ClientDetails("Elsewhere 1", "UTC")))
                .isInstanceOf(NotFoundException.class);
        assertThat(clients.get(Fixtures.operator(), c.client().id()).postalAddress()).isEqualTo(c.client().postalAddress());
    }

    @Test
    void aClientsAdminChangesItsOwnTimeZoneAndNothingElse() {
        var c = Fixtures.client(clients, "Own Zone");
        Client changed = clients.changeOwnTimeZone(Fixtures.admin(c), "America/New_York");
        assertThat(changed.timeZone()).isEqualTo("America/New_York");
        assertThat(changed.postalAddress()).isEqualTo(c.client().postalAddress());
        assertThat(clients.get(Fixtures.operator(), c.client().id()).timeZone()).isEqualTo("America/New_York");
        assertThatThrownBy(() -> clients.changeOwnTimeZone(Fixtures.admin(c), "Nowhere/Special"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> clients.changeOwnTimeZone(Fixtures.withRole(c, Role.MARKETER), "Europe/Rome"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(clients.get(Fixtures.operator(), c.client().id()).timeZone()).isEqualTo("America/New_York");
        assertThat(audit.search(Fixtures.admin(c), new AuditFilter(null, "client.time_zone_changed", null, null, null), null, 10)
                .items()).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("UTC -> America/New_York"));
    }

    @Test
    void changeRoleGivesAGrantableRoleAndIsAudited() {
        var c = Fixtures.client(clients, "Role Changer");
        User marketer = users.create(Fixtures.admin(c), new NewUser(unique("m"), "a long enough password", Role.MARKETER));
        User changed = users.changeRole(Fixtures.admin(c), marketer.id(), Role.ANALYST);
        assertThat(changed.role()).isEqualTo(Role.ANALYST);
        assertThat(users.get(Fixtures.admin(c), marketer.id()).role()).isEqualTo(Role.ANALYST);
        assertThat(audit.search(Fixtures.admin(c), new AuditFilter(null, "user.role_changed", null, null, null), null, 10).items())
                .singleElement().satisfies(e -> {
                    assertThat(e.target()).isEqualTo("user:" + marketer.id());
                    assertThat(e.detail()).endsWith("marketer -> analyst");
                    assertThat(e.actorLabel()).isEqualTo(c.admin().email());
                });
    }

    @Test
    void changeRoleNeverLeavesAClientWithoutAnEnabledAdmin() {
        var c = Fixtures.client(clients, "Last Admin");
        Actor admin = Fixtures.admin(c);
        assertThatThrownBy(() -> users.changeRole(admin, c.admin().id(), Role.MARKETER)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("only enabled admin of this account");
        User second = users.create(admin, new NewUser(unique("a"), "a long enough password", Role.CLIENT_ADMIN));
        users.setEnabled(admin, second.id(), false);
        assertThatThrownBy(() -> users.changeRole(admin, c.admin().id(), Role.ANALYST)).isInstanceOf(ConflictException.class);
        users.setEnabled(admin, second.id(), true);
        assertThat(users.changeRole(admin, c.admin().id(), Role.ANALYST).role()).isEqualTo(Role.ANALYST);
        Actor secondAdmin = new Actor(Actor.Kind.USER, second.id(), second.email(), c.client().id(), Role.CLIENT_ADMIN, "127.0.0.1");
        assertThatThrownBy(() -> users.changeRole(secondAdmin, second.id(), Role.MARKETER)).isInstanceOf(ConflictException.class);
        assertThat(users.get(secondAdmin, second.id()).role()).isEqualTo(Role.CLIENT_ADMIN);
    }

    @Test
    void anAdminKeyCannotDisableTheLastEnabledAdmin() {
        var c = Fixtures.client(clients, "Key Lockout");
        Actor key = new Actor(Actor.Kind.API_KEY, c.adminApiKey().key().id(), "admin key", c.client().id(), Role.CLIENT_ADMIN, null);
        assertThatThrownBy(() -> users.setEnabled(key, c.admin().id(), false)).isInstanceOf(ConflictException.class);
        assertThat(users.get(key, c.admin().id()).enabled()).isTrue();
    }

    @Test
    void changeRoleIsRefusedForRolesTheActorMayNotGiveOrUsersItCannotSee() {
        var a = Fixtures.client(clients, "Role Refuser");
        var b = Fixtures.client(clients, "Role Other");
        User marketer = users.create(Fixtures.admin(a), new NewUser(unique("r"), "a long enough password", Role.MARKETER));
        assertThatThrownBy(() -> users.changeRole(Fixtures.admin(a), marketer.id(), Role.OPERATOR))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.changeRole(Fixtures.withRole(a, Role.MARKETER), marketer.id(), Role.CLIENT_ADMIN))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.changeRole(Fixtures.admin(b), marketer.id(), Role.ANALYST))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.get(Fixtures.admin(a), marketer.id()).role()).isEqualTo(Role.MARKETER);
    }

    @Test
    void auditSearchNarrowsByWhoActionAndDaysAndPagesThroughTheMatches() {
        var c = Fixtures.client(clients, "Audit Filter");
        String who = "Filter_" + UUID.randomUUID().toString().substring(0, 8);
        Actor actor = new Actor(Actor.Kind.USER, UUID.randomUUID(), who + "@audit-filter.test", c.client().id(), Role.CLIENT_ADMIN,
                "127.0.0.1");
        for (int i = 0; i < 5; i++) {
            audit.record(actor, c.client().id(), "list.created", "list:" + i, "entry " + i);
        }
        audit.record(actor, c.client().id(), "user.created", "user:x", null);
        Actor other = new Actor(Actor.Kind.USER, UUID.randomUUID(), "Filterxsomeone@audit-filter.test", c.client().id(),
                Role.CLIENT_ADMIN, "127.0.0.1");
        audit.record(other, c.client().id(), "list.created", "list:other", null);

        // Part of the label in any case; the underscore is a character, not a wildcard.
        assertThat(all(new AuditFilter(who.toUpperCase(), null, null, null, null))).hasSize(6);
        assertThat(all(new AuditFilter(who, "list.", null, null, null))).hasSize(5)
                .extracting(AuditEntry::target).containsExactly("list:4", "list:3", "list:2", "list:1", "list:0");
        assertThat(all(new AuditFilter("filter_", "user.created", null, null, c.client().id())))
                .extracting(AuditEntry::actorLabel).containsOnly(actor.label());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(all(new AuditFilter(who, null, today.minusDays(1), today, null))).hasSize(6);
        assertThat(all(new AuditFilter(who, null, today.plusDays(1), null, null))).isEmpty();
        assertThat(all(new AuditFilter(who, null, null, today.minusDays(1), null))).isEmpty();
        assertThatThrownBy(() -> audit.search(Fixtures.operator(), new AuditFilter(null, null, today, today.minusDays(1), null),
                null, 10)).isInstanceOf(ValidationException.class).hasMessageContaining("on or after");
    }

    @Test
    void aClientsAdminReadsOnlyItsOwnClientsPartWhateverTheFilterNames() {
        var a = Fixtures.client(clients, "Audit Mine");
        var b = Fixtures.client(clients, "Audit Theirs");
        var mine = audit.search(Fixtures.admin(a), new AuditFilter(null, null, null, null, b.client().id()), null, 200).items();
        assertThat(mine).isNotEmpty().extracting(AuditEntry::clientId).containsOnly(a.client().id());
        assertThatThrownBy(() -> audit.search(Fixtures.withRole(a, Role.MARKETER), AuditFilter.none(), null, 10))
                .isInstanceOf(ForbiddenException.class);
        assertThat(audit.search(Fixtures.operator(), new AuditFilter(null, null, null, null, b.client().id()), null, 200).items())
                .isNotEmpty().extracting(AuditEntry::clientId).containsOnly(b.client().id());
    }

    /** Every page of the operator's search, two entries at a time, in order. */
    private List<AuditEntry> all(AuditFilter filter) {
        List<AuditEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = audit.search(Fixtures.operator(), filter, cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            entries.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && entries.size() < 100);
        return entries;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@settings.test";
    }
}
