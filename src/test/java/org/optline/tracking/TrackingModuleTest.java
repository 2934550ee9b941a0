package org.optline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.platform.TransactionalMail;
import org.optline.test.Fixtures;
import org.optline.test.ModuleBeans;
import org.optline.tracking.token.ProviderGroup;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The tracking module boots with the platform only (its key ring, tenant scope and public paths):
 * a campaign's link table is stored once, and a click on one of its links is stored and answered
 * with the stored target. Platform's {@link TransactionalMail} port is a mock.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class TrackingModuleTest {

    @MockitoBean
    TransactionalMail mail;

    @Autowired Clients clients;
    @Autowired Tracking tracking;
    @Autowired TrackingTokens tokens;
    @Autowired Hits hits;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    @Test
    void bootsTrackingWithPlatformOnly(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("platform", "tracking");
    }

    @Test
    void aClickOnAStoredLinkIsStoredAndRedirected() {
        UUID clientId = Fixtures.client(clients, "Module Tracking").client().id();
        UUID campaignId = UUID.randomUUID();
        CampaignLinks links = tracking.links(clientId, campaignId, "<p><a href=\"https://shop.example/x\">x</a></p>", null);
        String html = links.rewrite(UUID.randomUUID(), "yahoo", Instant.now().minusSeconds(600),
                "<p><a href=\"https://shop.example/x\">x</a></p>", null).html();
        String token = html.replaceAll("(?s).*/t/c/([A-Za-z0-9_-]+)\".*", "$1");
        assertThat(tokens.verify(token)).hasValueSatisfying(t -> assertThat(t.group()).isEqualTo(ProviderGroup.YAHOO));

        Hits.Answer answer = hits.click(token, "GET", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15");

        assertThat(answer).isEqualTo(new Hits.Answer(Hits.Outcome.STORED, "https://shop.example/x"));
        assertThat(scope.inClient(clientId, () -> jdbc.sql("select source from tracked_events where client_id = ? and campaign_id = ?")
                .param(clientId).param(campaignId).query(String.class).single())).isEqualTo("human");
        assertThat(hits.click(tokens.sign(new TrackingToken(campaignId, null, 5, ProviderGroup.OTHER, Instant.now())), "GET", "x").outcome())
                .isEqualTo(Hits.Outcome.BAD_TOKEN); // a link the campaign does not have
    }
}
