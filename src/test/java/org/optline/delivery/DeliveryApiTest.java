package org.optline.delivery;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/v1/campaigns/{id}/delivery}: counts keyed by the states' wire names, states with none left out. */
@OptlineTest
class DeliveryApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;

    @Test
    void countsAreKeyedByWireNameAndLeaveOutEmptyStates() throws Exception {
        var created = Fixtures.client(clients, "Delivery Api");
        String key = created.adminApiKey().secret();
        Actor admin = Fixtures.admin(created);
        var news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain("deliveryapi.de");
        domains.add(admin, domain);
        for (String email : List.of("a@deliveryapi.de", "b@deliveryapi.de")) {
            subscribers.save(admin, new SubscriberInput(email, null, Map.of(), List.of(news.id()), null), false);
        }
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Weekly", "Hello", null, "Shop", "news@" + domain,
                null, "<p>Hi</p>", null, null, null, List.of(news.id())));
        String path = "/api/v1/campaigns/" + c.id() + "/delivery";
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.counts", anEmptyMap()));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("sent"))
                .andExpect(jsonPath("$.counts.length()").value(1))
                .andExpect(jsonPath("$.counts.sent").value(2));
    }
}
