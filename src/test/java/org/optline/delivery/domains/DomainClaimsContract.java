package org.optline.delivery.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.campaign.SenderDomains;
import org.optline.delivery.SendingDomain;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.dkim.DkimKeys;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.CreatedClient;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A sending domain belongs to one client: another client's claim on the same name, a name below
 * it or a name above it answers 409 without saying whose; the owner may add names below its own;
 * claims take turns, so overlapping ones made at once never both win; and a row left without a claim
 * (two clients had added the name before claims existed) neither signs, verifies nor counts as
 * set up.
 */
abstract class DomainClaimsContract {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired SendingDomains domains;
    @Autowired SenderDomains senderDomains;
    @Autowired DkimKeys dkim;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired DomainStore store;

    @Test
    void anotherClientsNameANameBelowItAndAboveItAreRefused() throws Exception {
        CreatedClient owner = Fixtures.client(clients, "Claim Owner");
        CreatedClient other = Fixtures.client(clients, "Claim Other");
        String base = Fixtures.domain("claims.test");
        domains.add(Fixtures.admin(owner), base);

        for (String name : List.of(base, "mail." + base, "a.b." + base, "claims.test")) {
            mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + other.adminApiKey().secret())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"" + name.toUpperCase() + "\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(content().string(Matchers.containsString("belongs to another account")))
                    .andExpect(content().string(Matchers.not(Matchers.containsString("Claim Owner"))));
        }
        // A name beside it is nobody's yet; the owner may add names below its own.
        String sibling = "x" + base;
        assertThat(domains.add(Fixtures.admin(other), sibling).status()).isEqualTo("unverified");
        assertThat(domains.add(Fixtures.admin(owner), "mail." + base).claimed()).isTrue();
        assertThatThrownBy(() -> domains.add(Fixtures.admin(owner), base)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already set up");
        assertThat(domains.list(Fixtures.admin(other))).extracting(SendingDomain::domain).containsExactly(sibling);
    }

    /**
     * A claim waits while another is being made, then sees it: without the claims' turn, a claim
     * of mail.example.com would not see example.com claimed in a transaction not yet committed.
     */
    @Test
    void aPublicSuffixCannotBeClaimed() throws Exception {
        CreatedClient squatter = Fixtures.client(clients, "Suffix Squatter");
        for (String suffix : List.of("co.uk", "com.au", "github.io")) {
            mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + squatter.adminApiKey().secret())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"" + suffix + "\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(Matchers.containsString("public suffix")));
        }
        assertThat(domains.list(Fixtures.admin(squatter))).isEmpty();
    }

    @Test
    void aClaimWaitsForOneInProgressAndThenSeesIt() throws Exception {
        String base = Fixtures.domain("race.test");
        CreatedClient first = Fixtures.client(clients, "Race One");
        Actor second = Fixtures.admin(Fixtures.client(clients, "Race Two"));
        SendingDomain model = domains.add(Fixtures.admin(first), Fixtures.domain("model.test"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> claimer = new AtomicReference<>();
            Future<Boolean> below = scope.asPlatform(() -> {
                store.takeClaimsTurn();
                UUID id = UUID.randomUUID();
                jdbc.sql("insert into sending_domains (id, client_id, domain, selector, private_key, public_key, created_at) "
                                + "select :id, client_id, :domain, selector, private_key, public_key, created_at from sending_domains "
                                + "where id = :model")
                        .param("id", id).param("domain", base).param("model", model.id()).update();
                store.claim(first.client().id(), base, id, OffsetDateTime.now());
                Future<Boolean> f = pool.submit(() -> {
                    claimer.set(Thread.currentThread());
                    return claimed(second, "mail." + base);
                });
                // Committed only once the other claim waits for its turn (after making its key).
                // (A claim that does not wait ends meanwhile, and the assertion below tells.)
                await().atMost(Duration.ofSeconds(30)).until(() -> f.isDone() || waitsForALock(claimer.get()));
                return f;
            });
            assertThat(below.get(30, TimeUnit.SECONDS)).as("the claim below one made meanwhile").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether the thread is blocked inside the database (H2 in this JVM) or its session waits for a lock (PostgreSQL). */
    private boolean waitsForALock(Thread t) {
        if (t == null) {
            return false;
        }
        if (!scope.isPostgres()) {
            return (t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING)
                    && Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getClassName().startsWith("org.h2."));
        }
        try (var c = DriverManager.getConnection(pgUrl, pgUser, ""); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                     + "and query like '%update sending_domain_claim_turns%' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean claimed(Actor actor, String name) {
        try {
            domains.add(actor, name);
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Value("${spring.datasource.url}") String pgUrl;
    @Value("${spring.datasource.username}") String pgUser;

    @Test
    void aNameLeftWithoutAClaimNeitherSignsNorVerifiesNorCountsAsSetUp() {
        Actor holder = Fixtures.admin(Fixtures.client(clients, "Claim Holder"));
        CreatedClient late = Fixtures.client(clients, "Claim Late");
        String name = Fixtures.domain("legacy.test");
        SendingDomain held = domains.add(holder, name);
        // The row a second client had before claims existed (V19 leaves it without a claim).
        UUID id = UUID.randomUUID();
        scope.asPlatform(() -> jdbc.sql("insert into sending_domains (id, client_id, domain, selector, private_key, public_key, "
                        + "created_at) select :id, :clientId, domain, selector, private_key, public_key, created_at from sending_domains "
                        + "where id = :heldId")
                .param("id", id).param("clientId", late.client().id()).param("heldId", held.id()).update());
        Actor lateAdmin = Fixtures.admin(late);

        assertThat(domains.get(lateAdmin, id).status()).isEqualTo("claimed-elsewhere");
        assertThat(senderDomains.standing(late.client().id(), name)).isEqualTo(SenderDomains.Standing.NOT_SET_UP);
        assertThat(dkim.forSender(late.client().id(), "news@" + name)).isEmpty();
        assertThatThrownBy(() -> domains.verify(lateAdmin, id)).isInstanceOf(ConflictException.class);
        assertThat(dkim.forSender(holder.clientId(), "news@" + name)).isPresent();
        assertThat(senderDomains.standing(holder.clientId(), name)).isEqualTo(SenderDomains.Standing.UNVERIFIED_CAPTURED);
    }

    @Test
    void deletingADomainReleasesItsClaimAndKeyAndAnotherClientMayThenAddTheName() {
        CreatedClient first = Fixtures.client(clients, "Release First");
        CreatedClient second = Fixtures.client(clients, "Release Second");
        String name = Fixtures.domain("release.test");
        SendingDomain d = domains.add(Fixtures.admin(first), name);
        assertThat(dkim.forSender(first.client().id(), "news@" + name)).isPresent();
        assertThatThrownBy(() -> domains.add(Fixtures.admin(second), "mail." + name)).isInstanceOf(ConflictException.class);

        domains.remove(Fixtures.admin(first), d.id());
        assertThat(domains.list(Fixtures.admin(first))).isEmpty();
        assertThat(dkim.forSender(first.client().id(), "news@" + name)).isEmpty();
        assertThat(senderDomains.standing(first.client().id(), name)).isEqualTo(SenderDomains.Standing.NOT_SET_UP);
        long claims = scope.asPlatform(() -> jdbc.sql("select count(*) from sending_domain_claims where domain = :d")
                .param("d", name).query(Long.class).single());
        assertThat(claims).isZero();
        assertThat(domains.add(Fixtures.admin(second), "mail." + name).claimed()).isTrue();
        assertThat(domains.add(Fixtures.admin(second), name).claimed()).isTrue();
    }

    @Test
    void anotherClientsDomainCannotBeDeleted() {
        CreatedClient owner = Fixtures.client(clients, "Delete Owner");
        CreatedClient other = Fixtures.client(clients, "Delete Other");
        SendingDomain d = domains.add(Fixtures.admin(owner), Fixtures.domain("keep.test"));
        assertThatThrownBy(() -> domains.remove(Fixtures.admin(other), d.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> domains.remove(Fixtures.withRole(owner, Role.ANALYST), d.id())).isInstanceOf(ForbiddenException.class);
        assertThat(domains.get(Fixtures.admin(owner), d.id()).claimed()).isTrue();
    }
}
