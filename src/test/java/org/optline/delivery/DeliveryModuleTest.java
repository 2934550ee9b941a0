package org.optline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optline.campaign.CampaignEngagement;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
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
 * The delivery module with all it depends on. Its direct dependencies are not enough: delivery
 * reads campaigns, and the campaign module needs segment in turn (a campaign's recipients are
 * compiled from a segment), so it boots with {@code ALL_DEPENDENCIES}; delivery being the last
 * module, that is every module. Platform mail through the {@link TransactionalMail} port lands in
 * the capture outbox, where the client reads its own message and nothing leaves.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class DeliveryModuleTest {

    /** The campaign list's rates come from analytics, which depends on delivery and is not booted here. */
    @MockitoBean
    CampaignEngagement engagement;

    @Autowired
    Clients clients;

    @Autowired
    TransactionalMail mail;

    @Autowired
    Outbox outbox;

    @Test
    void bootsDeliveryWithEveryModuleItReaches(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("audience", "campaign", "delivery", "platform", "segment", "tracking");
    }

    @Test
    void mailToAClientIsCapturedInItsOutbox() {
        CreatedClient client = Fixtures.client(clients, "Module Delivery");
        Actor admin = Fixtures.admin(client);

        String messageId = mail.send(new TransactionalMail.Message(client.client().id(), "notice", "Optline",
                "ann@example.com", "Your import finished", "1,000 rows imported.", null));

        assertThat(messageId).startsWith("<").endsWith(">");
        var page = outbox.page(admin, null, null);
        assertThat(page.items()).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Your import finished");
            assertThat(m.kind()).isEqualTo("notice");
            assertThat(outbox.get(admin, m.id()).raw()).contains("1,000 rows imported.");
        });
    }
}
