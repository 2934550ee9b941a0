package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendProgress;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.delivery.queue.SendQueueStore;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * STANDARDS 47, a failing store: the database fails just as a batch the relay has accepted is to
 * be settled. The settle is tried again until the database answers, so the batch is recorded as
 * sent and nobody gets the message twice; given up, the batch would have stayed claimed and gone
 * out again after its lease. (The worker's handling of the failure is the same on either
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
    @Autowired org.optline.delivery.SendingDomains domains;

    @Test
    void aBatchTheRelayAcceptedIsSettledOnceTheDatabaseAnswersAgainAndNobodyIsMailedTwice() {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Store Failure"));
        domains.add(admin, "store-failure.example");
        MailingList list = lists.create(admin, new Lists.ListInput("Customers", null, "single"));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> addresses = List.of("a", "b", "c", "d", "e").stream().map(l -> l + "-" + tag + "@example.net").toList();
        for (String address : addresses) {
            subscribers.save(admin, new SubscriberInput(address, null, Map.of(), List.of(list.id()), null), false);
        }
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Store failure", "Hello", null, "Shop",
                "news@store-failure.example", null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        doThrow(new DataAccessResourceFailureException("connection refused"))
                .doThrow(new DataAccessResourceFailureException("connection refused"))
                .doCallRealMethod()
                .when(queue).settle(any(), any(), any(), any(), any(), any());

        worker.runOnce();

        for (String address : addresses) {
            assertThat(PEER.acceptedFor(address)).as(address).isEqualTo(1);
        }
        assertThat(progress.counts(admin.clientId(), c.id())).containsExactly(Map.entry("sent", 5L));
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SENT);
        worker.runOnce();
        assertThat(PEER.totalAccepted()).isEqualTo(5);
    }
}
