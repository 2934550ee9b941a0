package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.clients.ClientStore;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's data layer, run once on H2 and once on PostgreSQL (see the two subclasses), so
 * the SQL both vendors share is proven on both.
 */
abstract class PlatformDataContract {

    @Autowired Clients clients;
    @Autowired Users users;
    @Autowired ApiKeys apiKeys;
    @Autowired AuditLog audit;
    @Autowired ClientStore clientStore;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    @Test
    void clientPagesWalkEveryClientOnceNewestFirst() {
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.client(clients, "Paging " + i).client().id());
        }
        Set<UUID> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Client> page = clients.page(Fixtures.operator(), cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            for (Client c : page.items()) {
                assertThat(seen.add(c.id())).as("seen once: %s", c.name()).isTrue();
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).containsAll(created);
    }

    @Test
    void statusMovesOnlyFromTheExpectedStatus() {
        UUID id = Fixtures.client(clients, "Standing").client().id();
        var now = Times.now(Clock.systemUTC());
        boolean moved = scope.asPlatform(() -> clientStore.moveStatus(id, ClientStatus.SUSPENDED, ClientStatus.ACTIVE, now));
        assertThat(moved).isFalse();
        assertThat(clients.changeStatus(Fixtures.operator(), id, ClientStatus.SUSPENDED, "test").status())
                .isEqualTo(ClientStatus.SUSPENDED);
        assertThatThrownBy(() -> clients.changeStatus(Fixtures.operator(), id, ClientStatus.PAUSED, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void creatingAClientIsAllOrNothing() {
        long before = scope.asPlatform(() -> jdbc.sql("select count(*) from clients").query(Long.class).single());
        assertThatThrownBy(() -> clients.create(Fixtures.operator(),
                new NewClient("Broken", "1 Main Street", "not-an-email", null)))
                .isInstanceOf(ValidationException.class);
        long after = scope.asPlatform(() -> jdbc.sql("select count(*) from clients").query(Long.class).single());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void loginEmailsAreUniqueWhateverTheirCase() {
        var acme = Fixtures.client(clients, "Unique");
        String email = "Person." + UUID.randomUUID().toString().substring(0, 6) + "@Example.test";
        users.create(Fixtures.admin(acme), new NewUser(email, "a long enough password", Role.MARKETER));
        assertThatThrownBy(() -> users.create(Fixtures.admin(acme),
                new NewUser(email.toUpperCase(), "a long enough password", Role.ANALYST)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aLoginEmailOfAnotherClientIsAConflictThatDoesNotSayWhose() {
        var a = Fixtures.client(clients, "Email A");
        var b = Fixtures.client(clients, "Email B");
        assertThatThrownBy(() -> users.create(Fixtures.admin(b), new NewUser(a.admin().email(), "a long enough password", Role.MARKETER)))
                .isInstanceOf(ConflictException.class).hasMessageNotContaining("Email A");
    }

    @Test
    void usersAndKeysOfAnotherClientAreNotFound() {
        var a = Fixtures.client(clients, "Alpha");
        var b = Fixtures.client(clients, "Beta");
        UUID bAdmin = b.admin().id();
        UUID bKey = b.adminApiKey().key().id();
        assertThatThrownBy(() -> users.get(Fixtures.admin(a), bAdmin)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apiKeys.get(Fixtures.admin(a), bKey)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apiKeys.revoke(Fixtures.admin(a), bKey)).isInstanceOf(NotFoundException.class);
        assertThat(users.list(Fixtures.admin(a))).extracting(User::clientId).containsOnly(a.client().id());
        assertThat(apiKeys.list(Fixtures.admin(a))).extracting(ApiKey::clientId).containsOnly(a.client().id());
        assertThat(apiKeys.authenticate(b.adminApiKey().secret())).isPresent();
    }

    @Test
    void revokedKeysAndKeysOfTerminatedClientsStopWorking() {
        var c = Fixtures.client(clients, "Revoking");
        var extra = apiKeys.create(Fixtures.admin(c), "CRM sync", Role.MARKETER);
        assertThat(apiKeys.authenticate(extra.secret())).get()
                .satisfies(actor -> {
                    assertThat(actor.clientId()).isEqualTo(c.client().id());
                    assertThat(actor.role()).isEqualTo(Role.MARKETER);
                });
        assertThat(apiKeys.get(Fixtures.admin(c), extra.key().id()).lastUsedAt()).isNotNull();
        apiKeys.revoke(Fixtures.admin(c), extra.key().id());
        assertThat(apiKeys.authenticate(extra.secret())).isEmpty();

        clients.changeStatus(Fixtures.operator(), c.client().id(), ClientStatus.TERMINATED, "test");
        assertThat(apiKeys.authenticate(c.adminApiKey().secret())).isEmpty();
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        var c = Fixtures.client(clients, "Hashing");
        String secret = c.adminApiKey().secret();
        long plain = scope.asPlatform(() -> jdbc.sql("select count(*) from api_keys where secret_hash = :s or prefix = :s")
                .param("s", secret).query(Long.class).single());
        assertThat(plain).isZero();
    }

    @Test
    void auditLogRecordsClientCreationWithActorAndTarget() {
        var c = Fixtures.client(clients, "Audited");
        var entries = audit.page(Fixtures.operator(), null, 200).items();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("client.created");
            assertThat(e.clientId()).isEqualTo(c.client().id());
            assertThat(e.actorLabel()).isEqualTo("test operator");
            assertThat(e.sourceIp()).isEqualTo("127.0.0.1");
        });
        assertThat(entries).anySatisfy(e -> assertThat(e.action()).isEqualTo("api_key.created"));
    }

    @Test
    void firstStartCreatedOneOperatorAndRegisteredTheGivenKey() {
        long bootstraps = scope.asPlatform(() -> jdbc.sql("select count(*) from platform_bootstrap").query(Long.class).single());
        assertThat(bootstraps).isEqualTo(1);
        assertThat(apiKeys.authenticate(Fixtures.OPERATOR_KEY)).get().extracting(Actor::role).isEqualTo(Role.OPERATOR);
        long operators = scope.asPlatform(() -> jdbc.sql("select count(*) from users where role = 'operator'").query(Long.class).single());
        assertThat(operators).isEqualTo(1);
    }
}
