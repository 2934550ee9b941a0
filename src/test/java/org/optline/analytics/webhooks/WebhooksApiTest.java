package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.platform.ApiKeys;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.Role;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code /api/v1/webhooks} as API.md describes it, on an installation that keeps endpoints off internal addresses. */
@OptlineTest
class WebhooksApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired ApiKeys apiKeys;

    CreatedClient client;
    String key;

    @BeforeEach
    void aClient() {
        client = Fixtures.client(clients, "Hooks API");
        key = client.adminApiKey().secret();
    }

    MockHttpServletRequestBuilder as(String apiKey, MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).contentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceThenListedReadLoggedTestedAndDeleted() throws Exception {
        String created = mvc.perform(as(key, post("/api/v1/webhooks"))
                        .content("{\"url\": \"https://crm.example.invalid/optline\", \"events\": [\"opened\", \"clicked\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.url").value("https://crm.example.invalid/optline"))
                .andExpect(jsonPath("$.events[1]").value("clicked"))
                .andExpect(jsonPath("$.secret", startsWith("whsec_")))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        String secret = JsonPath.read(created, "$.secret");

        String read = mvc.perform(as(key, get("/api/v1/webhooks/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.events[0]").value("opened")).andReturn().getResponse().getContentAsString();
        String list = mvc.perform(as(key, get("/api/v1/webhooks"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id)).andReturn().getResponse().getContentAsString();
        assertThat(read + list).doesNotContain(secret.substring(6)).doesNotContain("secret");

        mvc.perform(as(key, get("/api/v1/webhooks/" + id + "/deliveries"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
        mvc.perform(as(key, post("/api/v1/webhooks/" + id + "/test"))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.messageId").isString());

        mvc.perform(as(key, delete("/api/v1/webhooks/" + id))).andExpect(status().isNoContent());
        mvc.perform(as(key, get("/api/v1/webhooks/" + id))).andExpect(status().isNotFound());
    }

    @Test
    void badInputIsProblemJsonNamingTheField() throws Exception {
        mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"not a url\", \"events\": [\"opened\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("url"));
        mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/\", \"events\": [\"read\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("events"))
                .andExpect(jsonPath("$.errors[0].message", containsString("unknown event type 'read'")));
        mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/\", \"events\": []}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("events"));
        for (String internal : new String[] {"http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data",
                "https://[::1]/x", "http://10.1.2.3/"}) {
            mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"" + internal + "\", \"events\": [\"opened\"]}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("url"))
                    .andExpect(jsonPath("$.errors[0].message", containsString("internal address")));
        }
        mvc.perform(as(key, get("/api/v1/webhooks"))).andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void onlyAClientAdminChangesEndpointsAndAClientHasAFewAtMost() throws Exception {
        String marketer = apiKeys.create(Fixtures.admin(client), "marketing", Role.MARKETER).secret();
        mvc.perform(as(marketer, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/\", \"events\": [\"opened\"]}"))
                .andExpect(status().isForbidden());
        for (int i = 0; i < Webhooks.MAX_ENDPOINTS; i++) {
            mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/" + i
                    + "\", \"events\": [\"opened\"]}")).andExpect(status().isCreated());
        }
        mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/x\", \"events\": [\"opened\"]}"))
                .andExpect(status().isConflict());
        String id = JsonPath.read(mvc.perform(as(marketer, get("/api/v1/webhooks"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.items[0].id");
        mvc.perform(as(marketer, delete("/api/v1/webhooks/" + id))).andExpect(status().isForbidden());
        mvc.perform(as(marketer, post("/api/v1/webhooks/" + id + "/test"))).andExpect(status().isForbidden());
    }

    @Test
    void aSuspendedClientCannotCreateOneButCanStillRead() throws Exception {
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.SUSPENDED, "test");
        mvc.perform(as(key, post("/api/v1/webhooks")).content("{\"url\": \"https://crm.example.invalid/\", \"events\": [\"opened\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(key, get("/api/v1/webhooks"))).andExpect(status().isOk());
    }
}
