package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForm;
import org.optline.audience.SubscriptionForms;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Text no database can store (a NUL character: PostgreSQL refuses it) and references to nothing,
 * sent to the API, the client's pages and the public pages: each answers 400, as problem JSON
 * under {@code /api/} and as a readable page elsewhere, and stores nothing. Run on H2 and
 * PostgreSQL; the rule does not depend on the database.
 */
abstract class BadTextInputContract {

    private static final String NUL = "a\u0000b";

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired SubscriptionForms forms;
    @Autowired SubscriberTokens tokens;

    CreatedClient client;
    Actor admin;
    MailingList list;

    @BeforeEach
    void aClientWithAList() {
        client = Fixtures.client(clients, "Nul Bytes");
        admin = Fixtures.admin(client);
        list = lists.create(admin, new Lists.ListInput("Main", null, "single"));
    }

    @Test
    void theApiRefusesANulInAnyTextAsProblemJson() throws Exception {
        String key = client.adminApiKey().secret();
        MvcResult named = mvc.perform(api(key, post("/api/v1/lists"), "{\"name\": \"a\\u0000b\"}")).andReturn();
        assertProblem(named);
        assertThat(named.getResponse().getContentAsString()).contains("\"field\":\"name\"").contains("NUL");
        assertProblem(mvc.perform(api(key, post("/api/v1/subscribers"),
                "{\"email\": \"nul@nul.test\", \"name\": \"a\\u0000b\", \"lists\": [\"" + list.id() + "\"]}")).andReturn());
        assertProblem(mvc.perform(api(key, post("/api/v1/segments"),
                "{\"name\": \"S\", \"expression\": \"name = \\\"a\\u0000b\\\"\"}")).andReturn());
        assertProblem(mvc.perform(api(key, post("/api/v1/segments/count"),
                "{\"expression\": \"name = \\\"a\\u0000b\\\"\"}")).andReturn());
        assertProblem(mvc.perform(api(key, get("/api/v1/subscribers").param("emailPrefix", NUL), "")).andReturn());
        assertThat(lists.list(admin)).extracting(MailingList::name).containsExactly("Main");
        assertThat(subscribers.findByEmail(admin, "nul@nul.test")).isEmpty();
    }

    @Test
    void thePublicFormsRefuseANulWithAPage() throws Exception {
        SubscriptionForm form = forms.save(admin, list.id(), new SubscriptionForms.Settings(true, null, null, List.of(),
                "Yes, send me mail."));
        assertPage(mvc.perform(post("/s/subscribe/" + form.id()).param("email", "nul@nul.test").param("name", NUL)
                .param("consent", "yes")).andReturn());
        assertThat(subscribers.findByEmail(admin, "nul@nul.test")).isEmpty();
        var person = subscribers.save(admin, new SubscriberInput("kept@nul.test", "Kept", Map.of(), List.of(list.id()), null),
                false).subscriber();
        assertPage(mvc.perform(post("/s/preferences/" + tokens.preferences(client.client().id(), person.id()))
                .param("name", NUL)).andReturn());
        assertThat(subscribers.get(admin, person.id()).name()).isEqualTo("Kept");
    }

    @Test
    void theLoginFormRefusesANulBeforeTheAccountLookup() throws Exception {
        assertPage(mvc.perform(post("/login").with(csrf()).param("email", NUL + "@nul.test").param("password", "whatever it is"))
                .andReturn());
    }

    @Test
    void theClientsPagesRefuseANulAndAnUnknownListWithAPage() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        assertPage(mvc.perform(post("/audience/lists").session(session).with(csrf()).param("name", NUL)
                .param("optIn", "single")).andReturn());
        assertThat(lists.list(admin)).extracting(MailingList::name).containsExactly("Main");
        assertPage(mvc.perform(get("/audience/export.csv").session(session).param("listId", UUID.randomUUID().toString()))
                .andReturn());
        assertPage(mvc.perform(get("/audience/export.json").session(session).param("listId", UUID.randomUUID().toString()))
                .andReturn());
    }

    private static MockHttpServletRequestBuilder api(String key, MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static void assertProblem(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI() + ": "
                + result.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    /** A 400 whose page (the error page MockMvc does not render, or the form again) is HTML, never a 500. */
    private static void assertPage(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI() + ": "
                + result.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).as("content type").isNotEqualTo("application/problem+json");
    }
}
