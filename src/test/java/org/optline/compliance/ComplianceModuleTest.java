package org.optline.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optline.campaign.CampaignEngagement;
import org.optline.delivery.MessagesSettled;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.ModuleBeans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The compliance module with the modules its beans need (inbound, campaign, segment, audience,
 * delivery, tracking, platform). Analytics is not booted: the figures come from the events alone,
 * which the test publishes. One flow through the public face with the shipped thresholds: 1,000
 * messages and three complaints (0.3 %) pause the client.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = {"delivery", "tracking"})
@ActiveProfiles("test")
class ComplianceModuleTest {

    /** The campaign list's rates come from analytics, which is not booted here. */
    @MockitoBean
    CampaignEngagement engagement;

    @Autowired Clients clients;
    @Autowired ClientStandings standings;

    @Test
    void bootsComplianceWithoutAnalytics(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context))
                .containsExactly("audience", "campaign", "compliance", "delivery", "inbound", "platform", "segment", "tracking");
    }

    @Test
    void threeComplaintsInAThousandPauseTheClient(Scenario scenario) {
        CreatedClient client = Fixtures.client(clients, "Module Compliance");
        UUID clientId = client.client().id();
        UUID campaignId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<MessagesSettled.Recipient> sent = IntStream.range(0, 1000)
                .mapToObj(i -> new MessagesSettled.Recipient(UUID.randomUUID(), "p" + i + "@example.com", null)).toList();
        scenario.publish(new MessagesSettled(clientId, campaignId, now, sent, List.of()))
                .andWaitForStateChange(() -> standings.figures(clientId).window().sent(), n -> n == 1000)
                .andVerify(n -> assertThat(standings.figures(clientId).window().level()).isEqualTo(StandingLevel.OK));
        for (int i = 0; i < 3; i++) {
            MessagesSettled.Recipient r = sent.get(i);
            long expected = i + 1;
            scenario.publish(new ComplaintReceived(clientId, campaignId, r.subscriberId(), r.email(), "abuse", null, now))
                    .andWaitForStateChange(() -> standings.figures(clientId).window().complaints(), n -> n == expected)
                    .andVerify(n -> assertThat(n).isEqualTo(expected));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.standing(clientId) == ClientStatus.PAUSED);
        assertThat(standings.figures(clientId).window().level()).isEqualTo(StandingLevel.PAUSE);
    }
}
