package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.TransactionalMail;
import org.optline.test.Fixtures;
import org.optline.test.ModuleBeans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The campaign module with the modules it depends on (segment, audience, platform: a campaign's
 * recipients are lists and a segment, its merge values the subscriber's fields). The ports that the
 * delivery module implements, and delivery is not booted here, are mocks: {@link SenderDomains}
 * (a From domain's standing), {@link SendProgress} and audience's {@link TransactionalMail}, and the
 * one analytics implements, {@link CampaignEngagement} (rates on the campaign list). A
 * client creates a campaign and previews it as one of its subscribers.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class CampaignModuleTest {

    @MockitoBean
    SenderDomains senderDomains;

    @MockitoBean
    SendProgress sendProgress;

    @MockitoBean
    CampaignEngagement engagement;

    @MockitoBean
    TransactionalMail mail;

    @Autowired
    Clients clients;

    @Autowired
    Lists lists;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Campaigns campaigns;

    @Test
    void bootsCampaignWithItsDependenciesOnly(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("audience", "campaign", "platform", "segment");
    }

    @Test
    void aClientCreatesACampaignAndPreviewsItAsASubscriber() {
        when(senderDomains.standing(any(), any())).thenReturn(SenderDomains.Standing.VERIFIED);
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Module Campaign"));
        MailingList news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        var ann = subscribers.save(admin, new SubscriberInput("ann@example.com", "Ann", Map.of(), List.of(news.id()), null),
                false).subscriber();

        Campaign campaign = campaigns.create(admin, new Campaigns.CampaignInput("Spring news", "Hi {{name|there}}", null,
                "Shoehaus", "news@shoehaus.example", null, "<p>Hello {{name}}!</p>", null, null, null, List.of(news.id())));
        var preview = campaigns.preview(admin, campaign.id(), ann.id());

        assertThat(campaigns.get(admin, campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(preview.subject()).isEqualTo("Hi Ann");
        assertThat(preview.html()).contains("<p>Hello Ann!</p>").contains("/s/unsubscribe/");
    }
}
