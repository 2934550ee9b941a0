package org.optline.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optline.campaign.CampaignEngagement;
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
 * The site module with the modules its beans need (the abuse form reads senders through
 * compliance, campaign, audience, tracking and delivery); analytics is not booted. The shipped
 * policy is version 1 from the start, and publishing through the public face announces the new
 * version to other modules.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class SitePolicyModuleTest {

    @Autowired PrivacyPolicies policies;

    /** The campaign list's rates come from analytics, which is not booted here. */
    @MockitoBean
    CampaignEngagement engagement;

    @Test
    void bootsTheSiteWithoutAnalytics(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).contains("platform", "site").doesNotContain("analytics");
        assertThat(policies.version(1)).isPresent();
    }

    @Test
    void aPublishedVersionIsAnnounced(Scenario scenario) {
        int next = policies.current().version() + 1;
        scenario.stimulate(() -> policies.publish(Fixtures.operator(), "# Privacy policy\n\nFrom the module test.", true,
                        "Shorter retention"))
                .andWaitForEventOfType(PolicyPublished.class)
                .matching(e -> e.version() == next)
                .toArriveAndVerify((e, v) -> {
                    assertThat(e.policyId()).isEqualTo(v.id());
                    assertThat(e.material()).isTrue();
                    assertThat(e.summary()).isEqualTo("Shorter retention");
                    assertThat(e.publishedAt()).isEqualTo(v.publishedAt());
                });
    }
}
