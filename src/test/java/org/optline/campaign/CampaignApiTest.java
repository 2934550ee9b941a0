package org.optline.campaign;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The campaign API: create, preview, checklist, and errors as problem JSON. */
@OptlineTest
class CampaignApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;

    @Test
    void createPreviewAndCheck() throws Exception {
        String key = Fixtures.client(clients, "Api Campaigns").adminApiKey().secret();
        String list = JsonPath.read(mvc.perform(as(key, post("/api/v1/lists"), "{\"name\": \"News\"}"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        String id = JsonPath.read(mvc.perform(as(key, post("/api/v1/campaigns"), """
                        {"name": "Launch", "subject": "Hello {{name|friend}}", "fromName": "Shop", "fromEmail": "news@shop.de",
                         "html": "<h1>New!</h1><p>Dear {{name|friend}}</p>", "listIds": ["%s"]}""".formatted(list)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("draft"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/preview"), "{}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Hello Sam Sample"))
                .andExpect(jsonPath("$.text", Matchers.containsString("New!\n====")));
        mvc.perform(as(key, get("/api/v1/campaigns/" + id + "/checks"), ""))
                .andExpect(jsonPath("$.ready").value(false))
                .andExpect(jsonPath("$.recipients").value(0));
        mvc.perform(as(key, post("/api/v1/campaigns"), "{\"name\": \"Bad\", \"subject\": \"x\", \"fromName\": \"S\", "
                        + "\"fromEmail\": \"s@shop.de\", \"html\": \"<p>{{{raw}}}</p>\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("html"));
    }

    @Test
    void testSendsAnswerWhoWasSkippedRefuseStrangersAndStopAtTheHourlyAllowance() throws Exception {
        var created = Fixtures.client(clients, "Api Test Sends");
        String key = created.adminApiKey().secret();
        String id = JsonPath.read(mvc.perform(as(key, post("/api/v1/campaigns"), """
                        {"name": "Launch", "subject": "Hello", "fromName": "Shop", "fromEmail": "news@shop.de",
                         "html": "<p>Hi</p>"}""")).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(as(key, post("/api/v1/test-recipients"), "{\"email\": \"gone@agency.test\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("gone@agency.test"));
        mvc.perform(as(key, get("/api/v1/test-recipients"), "")).andExpect(jsonPath("$[0].email").value("gone@agency.test"));
        mvc.perform(as(key, post("/api/v1/suppressions"), "{\"email\": \"gone@agency.test\", \"reason\": \"manual\"}"))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/test"),
                        "{\"emails\": [\"%s\", \"gone@agency.test\"]}".formatted(created.admin().email())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sent").value(1))
                .andExpect(jsonPath("$.skipped[0].email").value("gone@agency.test"))
                .andExpect(jsonPath("$.skipped[0].reason").value("suppressed"));
        mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/test"), "{\"emails\": [\"stranger@elsewhere.test\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("emails"));
        for (int i = 0; i < 49; i++) {
            mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/test"), "{\"emails\": [\"%s\"]}".formatted(created.admin().email())))
                    .andExpect(status().isOk());
        }
        mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/test"), "{\"emails\": [\"%s\"]}".formatted(created.admin().email())))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void onlyClientAdminsManageTestRecipients() throws Exception {
        var created = Fixtures.client(clients, "Api Test Recipients");
        String marketer = JsonPath.read(mvc.perform(as(created.adminApiKey().secret(), post("/api/v1/api-keys"),
                "{\"name\": \"m\", \"role\": \"marketer\"}")).andReturn().getResponse().getContentAsString(), "$.key");
        mvc.perform(as(marketer, post("/api/v1/test-recipients"), "{\"email\": \"x@agency.test\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(marketer, get("/api/v1/test-recipients"), "")).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder as(String key, MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
