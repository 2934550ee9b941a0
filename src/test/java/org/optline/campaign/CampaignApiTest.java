package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The campaign API: create, preview, checklist, and errors as problem JSON. */
@OptlineTest
class CampaignApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired SendingDomains domains;
    @Autowired Campaigns campaigns;
    @Autowired CampaignDispatch dispatch;

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

    @Test
    void theSanitiserBypassIsRefusedAndWhatIsStoredIsTheSanitisedHtml() throws Exception {
        String key = Fixtures.client(clients, "Api Bypass").adminApiKey().secret();
        mvc.perform(as(key, post("/api/v1/campaigns"), campaign("html", ContentEngineTest.BYPASS)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.errors[0].message", Matchers.containsString("default is plain text")));
        String id = JsonPath.read(mvc.perform(as(key, post("/api/v1/campaigns"), campaign("html",
                        "<p onclick=\"x()\">Hi {{name|<b>you</b>}}</p><script>alert(1)</script>{{! note }}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.html").value("<p>Hi {{name|&lt;b&gt;you&lt;/b&gt;}}</p>"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(as(key, get("/api/v1/campaigns/" + id), ""))
                .andExpect(jsonPath("$.html").value("<p>Hi {{name|&lt;b&gt;you&lt;/b&gt;}}</p>"));
        mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/preview"), "{}"))
                .andExpect(jsonPath("$.html", Matchers.startsWith("<p>Hi Sam Sample</p>")));
        mvc.perform(as(key, post("/api/v1/templates"), "{\"name\": \"T\", \"html\": \"<div>{{content}}</div><iframe src=x></iframe>\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.html").value("<div>{{content}}</div>"));
    }

    @Test
    void overlongContentIsRefusedAsProblemJson() throws Exception {
        String key = Fixtures.client(clients, "Api Lengths").adminApiKey().secret();
        for (String[] field : new String[][] {{"subject", "s".repeat(999)}, {"preheader", "p".repeat(501)},
                {"html", "<p>" + "h".repeat(500_000) + "</p>"}, {"text", "t".repeat(500_001)}}) {
            mvc.perform(as(key, post("/api/v1/campaigns"), campaign(field[0], field[1])))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.errors[0].field").value(field[0]));
        }
        mvc.perform(as(key, post("/api/v1/campaigns"), campaign("subject", "s".repeat(998)))).andExpect(status().isCreated());
        mvc.perform(as(key, post("/api/v1/templates"), "{\"name\": \"T\", \"html\": \"{{content}}" + "x".repeat(500_000) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"));
        assertThat(mvc.perform(as(key, get("/api/v1/campaigns"), "")).andReturn().getResponse().getContentAsString())
                .doesNotContain("ppppp", "hhhhh", "ttttt");
    }

    @Test
    void aScheduleBeyondTenYearsIsRefused() throws Exception {
        String key = Fixtures.client(clients, "Api Far Future").adminApiKey().secret();
        String id = JsonPath.read(mvc.perform(as(key, post("/api/v1/campaigns"), campaign("name", "Later")))
                .andReturn().getResponse().getContentAsString(), "$.id");
        for (String at : new String[] {"+999999999-12-31T23:59:59Z", "2999-01-01T00:00:00Z"}) {
            mvc.perform(as(key, post("/api/v1/campaigns/" + id + "/send"), "{\"scheduledAt\": \"" + at + "\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.errors[0].field").value("scheduledAt"));
        }
        mvc.perform(as(key, get("/api/v1/campaigns/" + id), "")).andExpect(jsonPath("$.status").value("draft"));
    }

    @Test
    void aSentCampaignCannotBeChanged() throws Exception {
        var client = Fixtures.client(clients, "Api Sent");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribers.save(admin, new SubscriberInput("someone@api-sent.de", null, Map.of(),
                List.of(list.id()), null), false);
        domains.add(admin, "api-sent.de");
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "news@api-sent.de", null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        dispatch.markSent(client.client().id(), c.id());
        mvc.perform(as(client.adminApiKey().secret(), patch("/api/v1/campaigns/" + c.id()), "{\"subject\": \"Changed\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("can no longer be edited")));
        assertThat(campaigns.get(admin, c.id()).subject()).isEqualTo("S");
    }

    @Test
    void theFormatAndTheMarkdownSourceMakeTheRoundTrip() throws Exception {
        String key = Fixtures.client(clients, "Api Formats").adminApiKey().secret();
        String created = mvc.perform(as(key, post("/api/v1/campaigns"), """
                        {"name": "Md", "subject": "Hi", "fromName": "Shop", "fromEmail": "news@shop.de", "format": "markdown",
                         "markdown": "# Soup for {{name|you}}\\n\\n[Menu](https://shop.example/) <script>x()</script>"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("markdown"))
                .andExpect(jsonPath("$.markdown").value("# Soup for {{name|you}}\n\n[Menu](https://shop.example/) <script>x()</script>"))
                .andExpect(jsonPath("$.html", Matchers.containsString("<h1>Soup for {{name|you}}</h1>")))
                .andExpect(jsonPath("$.html", Matchers.not(Matchers.containsString("<script"))))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        mvc.perform(as(key, get("/api/v1/campaigns/" + id), "")).andExpect(jsonPath("$.format").value("markdown"))
                .andExpect(jsonPath("$.markdown", Matchers.startsWith("# Soup")));
        mvc.perform(as(key, patch("/api/v1/campaigns/" + id), "{\"markdown\": \"*Bread*\"}"))
                .andExpect(jsonPath("$.html", Matchers.containsString("<em>Bread</em>")));
        mvc.perform(as(key, patch("/api/v1/campaigns/" + id), "{\"format\": \"richtext\"}"))
                .andExpect(jsonPath("$.format").value("richtext"))
                .andExpect(jsonPath("$.markdown").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.html", Matchers.containsString("<em>Bread</em>")));
        mvc.perform(as(key, post("/api/v1/campaigns"), campaign("format", "docx")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(as(key, post("/api/v1/campaigns"), campaign("subject", "Old client")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("html"))
                .andExpect(jsonPath("$.html").value("<p>Hi</p>"));
    }

    /** A valid campaign body with one member set to {@code value}. */
    private static String campaign(String member, String value) throws Exception {
        var body = new LinkedHashMap<String, Object>(Map.of("name", "C", "subject", "Hello", "fromName", "Shop",
                "fromEmail", "news@shop.de", "html", "<p>Hi</p>"));
        body.put(member, value);
        return JsonMapper.builder().build().writeValueAsString(body);
    }

    private static MockHttpServletRequestBuilder as(String key, MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
