package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.optline.campaign.SendState.SENT;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendProgress;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.delivery.queue.SendQueueStore;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * STANDARDS 47, a failing store: the database fails just as a batch the relay has accepted is to
 * be settled. The settle is tried again until the database answers, so the batch is recorded as
 * sent and nobody gets the message twice; given up, the batch would have stayed claimed and gone
 * out again after its lease. And one campaign that fails (here: its queue cannot be filled) does
 * not stop the round for the others. (The worker's handling of failures is the same on either
 * database; H2 runs it.)
 */
@OptlineTest
class StoreFailureDuringSendTest {

    static final FaultySmtpPeer PEER = new FaultySmtpPeer();

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        PEER.asPlatformRelay(registry);
        registry.add("optline.delivery.smtp.timeout", () -> "10s");
    }

    @AfterAll
    static void stop() {
        PEER.close();
    }

    @MockitoSpyBean SendQueueStore queue;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendProgress progress;
    @Autowired DeliveryWorker worker;
    @Autowired SendingDomains domains;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    private record Sent(Actor admin, Campaign campaign, List<String> addresses) {}

    /** A client with a sending domain and five subscribers, and a campaign to them, sent. */
    private Sent aCampaignToFive(String name) {
        Actor admin = Fixtures.admin(Fixtures.client(clients, name));
        String domain = name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
        domains.add(admin, domain);
        Fixtures.verified(scope, jdbc, admin.clientId(), domain);
        MailingList list = lists.create(admin, new Lists.ListInput("Customers", null, "single"));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> addresses = List.of("a", "b", "c", "d", "e").stream().map(l -> l + "-" + tag + "@example.net").toList();
        for (String address : addresses) {
            subscribers.save(admin, new SubscriberInput(address, null, Map.of(), List.of(list.id()), null), false);
        }
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput(name, "Hello", null, "Shop",
                "news@" + domain, null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        return new Sent(admin, c, addresses);
    }

    @Test
    void aBatchTheRelayAcceptedIsSettledOnceTheDatabaseAnswersAgainAndNobodyIsMailedTwice() {
        Sent sent = aCampaignToFive("Store Failure");
        Actor admin = sent.admin();
        Campaign c = sent.campaign();
        List<String> addresses = sent.addresses();
        doThrow(new DataAccessResourceFailureException("connection refused"))
                .doThrow(new DataAccessResourceFailureException("connection refused"))
                .doCallRealMethod()
                .when(queue).settle(any(), any(), any(), any(), any(), any());

        worker.runOnce();

        for (String address : addresses) {
            assertThat(PEER.acceptedFor(address)).as(address).isEqualTo(1);
        }
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsExactly(Map.entry(SENT, 5L));
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SENT);
        worker.runOnce(); // a later round sends nobody again
        for (String address : addresses) {
            assertThat(PEER.acceptedFor(address)).as(address).isEqualTo(1);
        }
    }

    @Test
    void aCampaignThatFailsDoesNotHoldUpTheOthers() {
        Sent failing = aCampaignToFive("Failing Shop");
        Sent other = aCampaignToFive("Other Shop");
        doThrow(new IllegalStateException("a damaged row")).when(queue)
                .materialize(any(), ArgumentMatchers.eq(failing.campaign().id()), any(), any());

        worker.runOnce();

        for (String address : other.addresses()) {
            assertThat(PEER.acceptedFor(address)).as(address).isEqualTo(1);
        }
        assertThat(campaigns.get(other.admin(), other.campaign().id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(failing.addresses()).allSatisfy(address -> assertThat(PEER.acceptedFor(address)).isZero());
        assertThat(campaigns.get(failing.admin(), failing.campaign().id()).status()).isEqualTo(CampaignStatus.SENDING);
    }
}
