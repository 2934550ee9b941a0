package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The campaign module starts its scheduled campaigns on its own poll: here the delivery worker's
 * poll is an hour away (the test profile), so only the module's own can start the campaign.
 */
@OptlineTest
@TestPropertySource(properties = "optline.campaigns.schedule-poll=100ms")
class ScheduledStartsTest {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired SendingDomains domains;
    @Autowired Campaigns campaigns;

    @Test
    void aScheduledCampaignStartsSendingWhenItsTimeComesWithoutTheDeliveryPoll() {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Scheduled Starts"));
        String domain = Fixtures.domain("scheduled-starts.de");
        domains.add(admin, domain);
        var list = lists.create(admin, new Lists.ListInput("All", null, "single"));
        subscribers.save(admin, new SubscriberInput("p@" + domain, null, Map.of(), List.of(list.id()), null), false);
        UUID id = campaigns.create(admin, new Campaigns.CampaignInput("Later", "Soon", null, "S", "s@" + domain, null,
                "<p>Hello</p>", null, null, null, List.of(list.id()))).id();

        campaigns.send(admin, id, OffsetDateTime.now().plusSeconds(1));
        assertThat(campaigns.get(admin, id).status()).isEqualTo(CampaignStatus.SCHEDULED);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> campaigns.get(admin, id).status() == CampaignStatus.SENDING);
    }
}
