package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optline.OptlineApplication;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.delivery.Outbox;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A campaign scheduled before a restart starts on time after it, sent by the restarted node's own worker. */
class ScheduleAcrossRestartTest {

    private static ConfigurableApplicationContext start(Path dir) {
        return new SpringApplicationBuilder(OptlineApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--optline.data-dir=" + dir.resolve("files"), "--optline.delivery.poll-ms=200",
                "--optline.campaigns.schedule-poll=200ms",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("optline")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void aScheduledCampaignStartsOnTimeAfterARestart(@TempDir Path dir) {
        UUID campaignId;
        Actor admin;
        try (var app = start(dir)) {
            var client = Fixtures.client(app.getBean(Clients.class), "Restarted");
            admin = Fixtures.admin(client);
            var list = app.getBean(Lists.class).create(admin, new Lists.ListInput("All", null, "single"));
            app.getBean(SendingDomains.class).add(admin, "restart.de");
            for (int i = 0; i < 3; i++) {
                app.getBean(Subscribers.class).save(admin, new SubscriberInput("p" + i + "@restart.de", null, Map.of(),
                        List.of(list.id()), null), false);
            }
            var campaigns = app.getBean(Campaigns.class);
            campaignId = campaigns.create(admin, new Campaigns.CampaignInput("Later", "Soon", null, "R", "r@restart.de", null,
                    "<p>Hello</p>", null, null, null, List.of(list.id()))).id();
            campaigns.send(admin, campaignId, OffsetDateTime.now().plusSeconds(3));
            assertThat(campaigns.get(admin, campaignId).status()).isEqualTo(CampaignStatus.SCHEDULED);
        }
        try (var app = start(dir)) {
            var campaigns = app.getBean(Campaigns.class);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> campaigns.get(admin, campaignId).status() == CampaignStatus.SENT);
            UUID id = campaignId;
            assertThat(app.getBean(Outbox.class).page(admin, null, 50).items())
                    .filteredOn(m -> id.equals(m.campaignId())).hasSize(3);
        }
    }
}
