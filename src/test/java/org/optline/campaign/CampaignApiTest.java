package org.optline.campaign;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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

    private static MockHttpServletRequestBuilder as(String key, MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
