package org.optline.delivery;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Sending domains: a DKIM key and the DNS records to publish, per client. */
@OptlineTest
class DomainsApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;

    @Test
    void aDomainGetsADkimKeyAndItsDnsRecords() throws Exception {
        String key = Fixtures.client(clients, "Domains").adminApiKey().secret();
        String id = JsonPath.read(mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"Mail.Shoehaus.DE\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.domain").value("mail.shoehaus.de"))
                .andExpect(jsonPath("$.status").value("unverified"))
                .andExpect(jsonPath("$.records[0].name", startsWith("opl")))
                .andExpect(jsonPath("$.records[0].value", startsWith("v=DKIM1; k=rsa; p=MIIBIjAN")))
                .andExpect(jsonPath("$.records[2].name").value("_dmarc.mail.shoehaus.de"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(get("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isOk()).andExpect(jsonPath("$.selector", startsWith("opl")));
        mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"mail.shoehaus.de\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"not a domain\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("domain"));
    }

    @Test
    void deleteAnswers204ButNotWhileAScheduledCampaignSendsFromTheDomain() throws Exception {
        var client = Fixtures.client(clients, "Domains Delete");
        String key = client.adminApiKey().secret();
        String name = Fixtures.domain("domains-delete.de");
        String id = JsonPath.read(mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"" + name + "\"}"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribers.save(admin, new SubscriberInput("p@domains-delete.de", "P", Map.of(), List.of(list.id()), null), false);
        var c = campaigns.create(admin, new Campaigns.CampaignInput("Scheduled news", "Hi", null, "Shop", "news@" + name, null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));

        mvc.perform(delete("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("\"Scheduled news\"")));
        mvc.perform(get("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).andExpect(status().isOk());

        campaigns.cancel(admin, c.id());
        mvc.perform(delete("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).andExpect(status().isNotFound());
    }
}
