package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The audience HTTP API: lists, fields, subscribers, consent, suppressions, imports and exports. */
@OptlineTest
class AudienceApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;

    String key;

    @BeforeEach
    void aClientKey() {
        key = Fixtures.client(clients, "Api Audience").adminApiKey().secret();
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String createList(String name, String optIn) throws Exception {
        return JsonPath.read(mvc.perform(json(post("/api/v1/lists"), """
                        {"name": "%s", "optIn": "%s", "description": "From the API"}""".formatted(name, optIn)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void anEmptyEntryInASubscribersListsIsABadRequest() throws Exception {
        createList("Main", "single");
        mvc.perform(json(post("/api/v1/subscribers"), "{\"email\": \"someone@api.test\", \"lists\": [null]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lists"));
    }

    @Test
    void listsAreCreatedReadChangedAndDeleted() throws Exception {
        String id = createList("News", "double");
        mvc.perform(json(get("/api/v1/lists/" + id), "")).andExpect(status().isOk())
                .andExpect(jsonPath("$.optIn").value("double"));
        mvc.perform(json(patch("/api/v1/lists/" + id), "{\"name\": \"Weekly news\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Weekly news")).andExpect(jsonPath("$.optIn").value("double"));
        mvc.perform(json(post("/api/v1/lists"), "{\"name\": \"Weekly news\"}")).andExpect(status().isConflict());
        mvc.perform(json(post("/api/v1/lists"), "{\"name\": \"x\", \"optIn\": \"triple\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("optIn"));
        mvc.perform(json(delete("/api/v1/lists/" + id), "")).andExpect(status().isNoContent());
        mvc.perform(json(get("/api/v1/lists/" + id), "")).andExpect(status().isNotFound());
    }

    @Test
    void fieldsTakeAndAnswerWhetherSubscribersMayEditThem() throws Exception {
        mvc.perform(json(post("/api/v1/fields"), "{\"key\": \"vip\", \"type\": \"boolean\"}")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.subscriberEditable").value(false));
        String id = JsonPath.read(mvc.perform(json(post("/api/v1/fields"),
                        "{\"key\": \"first_name\", \"label\": \"First name\", \"type\": \"text\", \"subscriberEditable\": true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.subscriberEditable").value(true))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(json(patch("/api/v1/fields/" + id), "{\"label\": \"Given name\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.label").value("Given name")).andExpect(jsonPath("$.subscriberEditable").value(true))
                .andExpect(jsonPath("$.key").value("first_name"));
        mvc.perform(json(patch("/api/v1/fields/" + id), "{\"subscriberEditable\": false}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.label").value("Given name")).andExpect(jsonPath("$.subscriberEditable").value(false));
        mvc.perform(json(patch("/api/v1/fields/" + id), "{\"label\": \" \"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("label"));
        mvc.perform(json(get("/api/v1/fields"), "")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.key == 'first_name')].subscriberEditable").value(false))
                .andExpect(jsonPath("$.items[?(@.key == 'vip')].subscriberEditable").value(false));
        mvc.perform(json(patch("/api/v1/fields/" + java.util.UUID.randomUUID()), "{\"label\": \"x\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void subscribersAreAddedUpdatedCorrectedAndErased() throws Exception {
        String list = createList("Customers", "single");
        mvc.perform(json(post("/api/v1/fields"), "{\"key\": \"age\", \"type\": \"number\"}")).andExpect(status().isCreated());
        mvc.perform(json(post("/api/v1/fields"), "{\"key\": \"interests\", \"type\": \"multi\"}")).andExpect(status().isCreated());
        String created = mvc.perform(json(post("/api/v1/subscribers"), """
                        {"email": "Kim@Shoehaus.DE", "name": "Kim", "fields": {"age": 29, "interests": ["running"]},
                         "lists": ["%s"], "consent": {"source": "checkout form", "ip": "198.51.100.4", "text": "Send me news"}}"""
                        .formatted(list)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("Kim@shoehaus.de"))
                .andExpect(jsonPath("$.fields.age").value("29"))
                .andExpect(jsonPath("$.lists[0].status").value("confirmed"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        mvc.perform(json(post("/api/v1/subscribers"), "{\"email\": \"kim@shoehaus.de\", \"fields\": {\"age\": 30}}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.fields.age").value("30"))
                .andExpect(jsonPath("$.name").value("Kim"));
        mvc.perform(json(get("/api/v1/subscribers?email=KIM@shoehaus.de"), "")).andExpect(jsonPath("$.items", hasSize(1)));
        mvc.perform(json(get("/api/v1/subscribers/" + id + "/consent"), ""))
                .andExpect(jsonPath("$.items[0].event").value("subscribed"))
                .andExpect(jsonPath("$.items[0].sourceKind").value("api"))
                .andExpect(jsonPath("$.items[0].ip").value("198.51.100.4"))
                .andExpect(jsonPath("$.items[0].consentText").value("Send me news"));
        mvc.perform(json(patch("/api/v1/subscribers/" + id), "{\"fields\": {\"age\": \"old\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("fields.age"));
        mvc.perform(json(patch("/api/v1/subscribers/" + id), "{\"status\": \"active\", \"name\": \"Kim K\"}"))
                .andExpect(status().isOk());
        mvc.perform(json(patch("/api/v1/subscribers/" + id), "{\"status\": \"unsubscribed\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("unsubscribed"));
        mvc.perform(json(get("/api/v1/suppressions"), "")).andExpect(jsonPath("$.items[0].reason").value("unsubscribed"));
        mvc.perform(json(get("/api/v1/subscribers/" + id + "/export"), ""))
                .andExpect(jsonPath("$.subscriber.email").value("Kim@shoehaus.de"))
                .andExpect(jsonPath("$.consent", hasSize(2)))
                .andExpect(jsonPath("$.consent[1].event").value("unsubscribed"))
                .andExpect(jsonPath("$.consent[1].sourceKind").value("api"));
        mvc.perform(json(delete("/api/v1/subscribers/" + id + "?reason=asked"), "")).andExpect(status().isNoContent());
        mvc.perform(json(get("/api/v1/subscribers/" + id), "")).andExpect(status().isNotFound());
        mvc.perform(json(get("/api/v1/suppressions"), "")).andExpect(jsonPath("$.items[0].email").doesNotExist());
    }

    @Test
    void badSubscriberInputIsAProblem() throws Exception {
        mvc.perform(json(post("/api/v1/subscribers"), "{\"email\": \"nobody\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(json(post("/api/v1/subscribers"), "{\"email\": \"a@shoehaus.de\", \"lists\": [\"nope\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lists"));
        mvc.perform(json(post("/api/v1/suppressions"), "{\"email\": \"x@shoehaus.de\", \"reason\": \"grumpy\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
    }

    @Test
    void importsNeedAnAttestationAndReportRowsByLine() throws Exception {
        String list = createList("Imported", "single");
        var file = new MockMultipartFile("file", "people.csv", "text/csv",
                "email,name\nlee@shoehaus.de,Lee\nbroken,Nope\n".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/imports").file(file).param("listId", list)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("attestation"));
        String id = JsonPath.read(mvc.perform(multipart("/api/v1/imports").file(file).param("listId", list)
                        .param("attestation", "Signed up at our shop counter, paper forms kept")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("queued"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        await().atMost(Duration.ofSeconds(20)).until(() -> JsonPath.read(mvc.perform(json(get("/api/v1/imports/" + id), ""))
                .andReturn().getResponse().getContentAsString(), "$.status").equals("done"));
        mvc.perform(json(get("/api/v1/imports/" + id), ""))
                .andExpect(jsonPath("$.rowsTotal").value(2))
                .andExpect(jsonPath("$.rowsImported").value(1))
                .andExpect(jsonPath("$.rowsRejected").value(1))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("broken")));
    }

    @Test
    void csvExportsAreSpreadsheetSafeAndLeaveOutSuppressedAddresses() throws Exception {
        String list = createList("Export", "single");
        mvc.perform(json(post("/api/v1/fields"), "{\"key\": \"note\", \"type\": \"text\"}"));
        for (int i = 0; i < 30; i++) {
            mvc.perform(json(post("/api/v1/subscribers"), """
                    {"email": "p%d@shoehaus.de", "name": "=HYPERLINK(\\"http://evil\\")", "fields": {"note": "@SUM(1)"},
                     "lists": ["%s"]}""".formatted(i, list))).andExpect(status().isCreated());
        }
        mvc.perform(json(post("/api/v1/suppressions"), "{\"email\": \"p7@shoehaus.de\"}")).andExpect(status().isCreated());
        MvcResult started = mvc.perform(json(get("/api/v1/exports/subscribers.csv?listId=" + list), ""))
                .andExpect(request().asyncStarted()).andReturn();
        String csv = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("email,name,status,created_at,note");
        assertThat(lines).hasSize(30);
        assertThat(csv).doesNotContain("p7@shoehaus.de").contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains(",'@SUM(1)");
        MvcResult jsonStarted = mvc.perform(json(get("/api/v1/exports/subscribers.json"), "")).andReturn();
        String body = mvc.perform(asyncDispatch(jsonStarted)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<?>) JsonPath.read(body, "$")).hasSize(29);
        mvc.perform(json(get("/api/v1/exports/subscribers.csv?listId=00000000-0000-0000-0000-000000000001"), ""))
                .andExpect(status().isBadRequest());
    }
}
