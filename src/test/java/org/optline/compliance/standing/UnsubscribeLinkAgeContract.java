package org.optline.compliance.standing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.StepClock;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Unsubscribe links keep working at least 60 days after the message (STANDARDS 8: CAN-SPAM asks
 * 30, CASL 60): a campaign goes out, the application's clock is moved on, and the link in the
 * message's {@code List-Unsubscribe} header still shows its page and still unsubscribes, by the
 * page's button and by RFC 8058 one-click, at 60, 61 and 400 days.
 */
@Import(UnsubscribeLinkAgeContract.MovableClock.class)
abstract class UnsubscribeLinkAgeContract {

    /** The application's clock for this context: real time plus what the test added. */
    @TestConfiguration
    static class MovableClock {

        @Bean
        @Primary
        StepClock movableClock() {
            return new StepClock();
        }
    }

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired Clock clock;
    @Autowired StepClock movable;
    @Autowired MockMvc mvc;

    @Test
    void theLinkInAMessageStillUnsubscribesSixtyAndMoreDaysLater() throws Exception {
        assertThat(clock).as("the application runs on the test's clock").isSameAs(movable);
        CreatedClient client = Fixtures.client(clients, "Link age");
        Actor admin = Fixtures.admin(client);
        MailingList list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain("linkage.de");
        domains.add(admin, domain);
        Map<String, UUID> people = new LinkedHashMap<>();
        for (String name : List.of("ann", "bob", "cid")) {
            people.put(name, subscribers.save(admin, new SubscriberInput(name + "@" + domain, name, Map.of(), List.of(list.id()),
                    null), false).subscriber().id());
        }
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Old news", "Hello", null, "Shop", "news@" + domain, null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        Map<String, String> links = new HashMap<>();
        for (OutboxMessage m : outbox.page(admin, null, 10).items()) {
            links.put(m.recipient().substring(0, m.recipient().indexOf('@')),
                    m.raw().replaceAll("(?s).*\r\nList-Unsubscribe: <https?://[^/]+(/s/unsubscribe/[^>]+)>.*", "$1"));
        }
        assertThat(links).containsOnlyKeys("ann", "bob", "cid").allSatisfy((who, path) -> assertThat(path).startsWith("/s/unsubscribe/"));

        movable.advance(Duration.ofDays(60));
        mvc.perform(get(links.get("ann"))).andExpect(status().isOk());
        assertThat(subscribers.get(admin, people.get("ann")).status()).as("a GET changes nothing").isEqualTo(SubscriberStatus.ACTIVE);
        oneClick(links.get("ann"));
        assertThat(subscribers.get(admin, people.get("ann")).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        movable.advance(Duration.ofDays(1));
        mvc.perform(get(links.get("bob"))).andExpect(status().isOk());
        oneClick(links.get("bob"));
        assertThat(subscribers.get(admin, people.get("bob")).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        movable.advance(Duration.ofDays(339));
        oneClick(links.get("cid"));
        assertThat(subscribers.get(admin, people.get("cid")).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    private void oneClick(String path) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk());
    }
}
