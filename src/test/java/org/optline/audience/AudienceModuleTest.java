package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
 * The audience module with the platform it depends on (its stores run in platform's
 * {@code TenantScope} and write platform's audit log, so it cannot boot alone). Confirmation mail
 * leaves through platform's {@link TransactionalMail} port, which the delivery module implements;
 * delivery is not booted here, so the port is a mock. A client creates a list and a subscriber on it.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class AudienceModuleTest {

    @MockitoBean
    TransactionalMail mail;

    @Autowired
    Clients clients;

    @Autowired
    Lists lists;

    @Autowired
    Subscribers subscribers;

    @Test
    void bootsAudienceWithPlatformOnly(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("audience", "platform");
    }

    @Test
    void aClientCreatesAListAndASubscriberOnIt() {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Module Audience"));
        MailingList news = lists.create(admin, new Lists.ListInput("News", null, "single"));

        var saved = subscribers.save(admin, new SubscriberInput("ann@example.com", "Ann", Map.of(), List.of(news.id()), null),
                false);

        assertThat(saved.created()).isTrue();
        assertThat(subscribers.findByEmail(admin, "ann@example.com")).get()
                .extracting(Subscriber::name).isEqualTo("Ann");
        assertThat(subscribers.search(admin, null, null, news.id(), null, null).items())
                .extracting(Subscriber::email).containsExactly("ann@example.com");
    }
}
