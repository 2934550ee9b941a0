package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.optline.campaign.SendState.DEFERRED;
import static org.optline.campaign.SendState.FAILED;
import static org.optline.campaign.SendState.QUEUED;
import static org.optline.campaign.SendState.SENT;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendProgress;
import org.optline.campaign.SendState;
import org.optline.delivery.SendingDomain;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sending through the SMTP relay transport to a misbehaving server: greylisting (4xx), unknown
 * users and full mailboxes (5xx), a connection dropped mid-DATA, slow replies and a refusal that
 * blames the sender. Every recipient the server accepts is counted at the server: exactly once each.
 */
abstract class SmtpDeliveryContract {

    static final FaultySmtpPeer PEER = new FaultySmtpPeer();

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        PEER.asPlatformRelay(registry);
        registry.add("optline.delivery.smtp.max-connections", () -> 3);
        registry.add("optline.delivery.smtp.max-messages-per-connection", () -> 4);
        registry.add("optline.delivery.smtp.timeout", () -> "10s");
        registry.add("optline.delivery.retry.first-retry", () -> "2s");
        registry.add("optline.delivery.retry.max-backoff", () -> "3s");
    }

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired SendProgress progress;
    @Autowired DeliveryWorker worker;
    @Autowired AuditLog audit;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    Actor admin;
    MailingList list;
    SendingDomain domain;
    String tag;

    @BeforeEach
    void aClientWithASendingDomain() {
        admin = Fixtures.admin(Fixtures.client(clients, "Relay"));
        domain = domains.add(admin, Fixtures.domain("relay-shop.de"));
        Fixtures.verified(scope, jdbc, admin.clientId(), domain.domain());
        list = lists.create(admin, new Lists.ListInput("Customers", null, "single"));
        tag = UUID.randomUUID().toString().substring(0, 6); // addresses unique to this test: the peer is shared
    }

    String address(String local) {
        return local + "-" + tag + "@example.net";
    }

    void subscribe(String... locals) {
        for (String local : locals) {
            subscribers.save(admin, new SubscriberInput(address(local), local, Map.of(), List.of(list.id()), null), false);
        }
    }

    Campaign send() {
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Relay test", "Hello {{name}}", null, "Relay Shop",
                "news@" + domain.domain(), null, "<p>Hi {{name}}</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        return c;
    }

    @Test
    void eachAcceptedOnceRetriesTemporaryFailuresAndBouncesPermanentOnes() throws Exception {
        PEER.slowMillis(300);
        subscribe("ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8", "temp1", "hard1", "full1", "drop1", "slow1");
        Campaign c = send();

        worker.runOnce();
        for (String ok : List.of("ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8", "slow1")) {
            assertThat(PEER.acceptedFor(address(ok))).as(ok).isEqualTo(1);
        }
        assertThat(PEER.acceptedFor(address("temp1"))).isZero();
        assertThat(PEER.acceptedFor(address("drop1"))).isZero();
        Map<SendState, Long> counts = progress.counts(admin.clientId(), c.id()).byState();
        assertThat(counts).containsEntry(SENT, 9L).containsEntry(DEFERRED, 2L).containsEntry(FAILED, 2L);

        // Hard bounces: the subscriber is marked bounced and the address suppressed for the client.
        for (String dead : List.of("hard1", "full1")) {
            var person = subscribers.findByEmail(admin, address(dead)).orElseThrow();
            assertThat(person.status()).isEqualTo(SubscriberStatus.BOUNCED);
            assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", address(dead)))).isTrue();
        }

        // The greylisted and the dropped recipient are retried after the backoff and then accepted.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            worker.runOnce();
            assertThat(PEER.acceptedFor(address("temp1"))).isEqualTo(1);
            assertThat(PEER.acceptedFor(address("drop1"))).isEqualTo(1);
        });
        worker.runOnce();
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsEntry(SENT, 11L).containsEntry(FAILED, 2L)
                .doesNotContainKey(DEFERRED);
        for (String local : List.of("ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8", "slow1", "temp1", "drop1")) {
            assertThat(PEER.acceptedFor(address(local))).as(local).isEqualTo(1);
        }
        assertThat(PEER.acceptedFor(address("hard1"))).isZero();
        assertThat(PEER.acceptedFor(address("full1"))).isZero();
    }

    @Test
    void aPauseStopsABatchThatIsGoingOutAndResumeSendsTheRestExactlyOnce() throws Exception {
        PEER.slowMillis(400);
        List<String> locals = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            locals.add("slowp" + i);
        }
        subscribe(locals.toArray(String[]::new));
        Campaign c = send();
        Thread runner = new Thread(worker::runOnce);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> locals.stream().anyMatch(l -> PEER.acceptedFor(address(l)) > 0));
        campaigns.pause(admin, c.id());
        runner.join(60_000);

        int accepted = locals.stream().mapToInt(l -> PEER.acceptedFor(address(l))).sum();
        assertThat(accepted).as("the batch stopped going out").isLessThan(24);
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsEntry(SENT, (long) accepted)
                .containsEntry(QUEUED, 24L - accepted);

        campaigns.resume(admin, c.id());
        worker.runOnce();
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SENT);
        for (String l : locals) {
            assertThat(PEER.acceptedFor(address(l))).as(l).isEqualTo(1);
        }
    }

    @Test
    void messagesArriveDkimSignedForTheSendingDomainWithAVerpReturnPath() throws Exception {
        subscribe("signed1");
        send();
        worker.runOnce();
        byte[] message = PEER.messages().stream()
                .filter(m -> FaultySmtpPeer.text(m).contains("To: " + address("signed1"))).findFirst().orElseThrow();
        String dkimTxt = domain.records().stream().filter(r -> r.purpose().equals("DKIM")).findFirst().orElseThrow().value();
        DKIMVerifier verifier = new DKIMVerifier((method, selector, d) -> {
            assertThat(d.toString()).isEqualTo(domain.domain());
            assertThat(selector.toString()).isEqualTo(domain.selector());
            return List.of(dkimTxt);
        });
        assertThat(verifier.verify(new ByteArrayInputStream(message))).hasSize(1);
        assertThat(FaultySmtpPeer.text(message)).startsWith("DKIM-Signature:").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    @Test
    void aRefusalThatBlamesTheSenderPausesTheCampaignAndSuppressesNobody() {
        subscribe("blocked1");
        Campaign c = send();
        worker.runOnce();
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.get(admin, c.id()).statusNote()).startsWith("The receiving server refused the sender").contains("5.7.1");
        var person = subscribers.findByEmail(admin, address("blocked1")).orElseThrow();
        assertThat(person.status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", address("blocked1")))).isFalse();
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsEntry(QUEUED, 1L);
        assertThat(audit.page(Fixtures.operator(), null, 50).items())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("campaign.paused-by-delivery"));
    }
}
