package org.optline.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
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
 * The segment module with the modules it depends on: it compiles segments to SQL over the
 * audience's subscriber views, with the audience's fields and lists, and counts in platform's
 * tenant scope, so it cannot boot alone. Audience's {@link TransactionalMail} port (implemented by
 * delivery, which is not booted) is a mock. A client counts its subscribers by a field.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class SegmentModuleTest {

    @MockitoBean
    TransactionalMail mail;

    @Autowired
    Clients clients;

    @Autowired
    CustomFields fields;

    @Autowired
    Lists lists;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Segments segments;

    @Test
    void bootsSegmentWithAudienceAndPlatformOnly(ApplicationContext context) {
        assertThat(ModuleBeans.modules(context)).containsExactly("audience", "platform", "segment");
    }

    @Test
    void aClientCountsItsSubscribersByAField() {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Module Segment"));
        fields.create(admin, "country", null, "text");
        MailingList news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        for (String[] person : new String[][] {{"ann@example.com", "US"}, {"bob@example.com", "CA"}, {"cid@example.com", "US"}}) {
            subscribers.save(admin, new SubscriberInput(person[0], null, Map.of("country", person[1]), List.of(news.id()), null),
                    false);
        }

        assertThat(segments.count(admin, "country = \"US\"", 0).count()).isEqualTo(2);
        assertThat(segments.count(admin, "country in [\"US\", \"CA\"]", 0).count()).isEqualTo(3);
    }
}
