package org.optline.compliance.abuse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.compliance.AbuseCases;
import org.optline.compliance.CaseState;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The desk's pages: an entry from the form lands on its case, a refused entry comes back with a
 * sentence and what was typed, notes and moves from the case page, the list's filters; a client's
 * users do not reach the desk, and their Complaints page shows the address but not the report.
 */
@OptlineTest
class AbuseDeskPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired AbuseCases cases;

    CreatedClient client;
    String email;

    @BeforeEach
    void aClientWithASubscriber() {
        client = Fixtures.client(clients, "Desk Pages Shop");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        email = "pat-" + UUID.randomUUID().toString().substring(0, 8) + "@desk-pages.test";
        subscribers.save(admin, new SubscriberInput(email, "Pat", Map.of(), List.of(list.id()), null), false);
    }

    @Test
    void anEntryFromTheFormLandsOnItsCaseWithTheReportEscaped() throws Exception {
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        MvcResult entered = mvc.perform(post("/operator/abuse-cases").session(operator).with(csrf())
                .param("clientId", client.client().id().toString()).param("campaignId", "").param("email", email)
                .param("feedbackType", "abuse").param("report", "<b>Stop</b> mailing me")).andReturn();
        String location = entered.getResponse().getRedirectedUrl();
        assertThat(location).matches("/operator/abuse-cases/[0-9a-f-]{36}");

        String page = page(operator, location);
        assertThat(page).contains("&lt;b&gt;Stop&lt;/b&gt; mailing me").doesNotContain("<b>Stop</b>")
                .contains(email).contains("Desk Pages Shop").contains("no campaign known").contains("Consent evidence")
                // The client's rates now, with the way to its standing page.
                .contains("Client standing").contains("id=\"standing-level\"")
                .contains("/operator/standing/" + client.client().id());
    }

    @Test
    void aRefusedEntryComesBackWithASentenceAndWhatWasTyped() throws Exception {
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        MvcResult refused = mvc.perform(post("/operator/abuse-cases").session(operator).with(csrf())
                .param("clientId", client.client().id().toString()).param("campaignId", "not-an-id")
                .param("email", "kept@desk-pages.test").param("feedbackType", "abuse").param("report", "Typed words")).andReturn();
        String body = refused.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("Campaign id is not an id.").contains("kept@desk-pages.test").contains("Typed words");

        String missing = mvc.perform(post("/operator/abuse-cases").session(operator).with(csrf())
                .param("clientId", client.client().id().toString()).param("email", "").param("report", ""))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(missing).contains("Subscriber&#39;s email is required. Report or excerpt is required.");
    }

    @Test
    void theCasePageNotesAndMovesTheCaseAndTheListFiltersByState() throws Exception {
        var kase = cases.report(Fixtures.operator(), new AbuseCases.OperatorReport(client.client().id(), null, email, "other",
                "A call"));
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        String base = "/operator/abuse-cases/" + kase.id();

        MvcResult noNote = mvc.perform(post(base + "/state").session(operator).with(csrf()).param("state", "investigating")
                .param("resolution", "").param("note", "")).andReturn();
        assertThat(noNote.getFlashMap().get("error")).isEqualTo("Note is required.");
        MvcResult moved = mvc.perform(post(base + "/state").session(operator).with(csrf()).param("state", "investigating")
                .param("resolution", "client_warned").param("note", "Looking into it")).andReturn();
        // The resolution select is ignored unless the case is being resolved.
        assertThat(moved.getFlashMap().get("notice")).isEqualTo("The case is now investigating.");
        MvcResult noted = mvc.perform(post(base + "/notes").session(operator).with(csrf()).param("text", "Called the client"))
                .andReturn();
        assertThat(noted.getFlashMap().get("notice")).isEqualTo("The note is added.");
        assertThat(cases.get(Fixtures.operator(), kase.id()).summary().state()).isEqualTo(CaseState.INVESTIGATING);
        assertThat(page(operator, base)).contains("Called the client").contains("open → investigating");

        String filter = "?clientId=" + client.client().id();
        assertThat(page(operator, "/operator/abuse-cases" + filter + "&state=investigating")).contains(kase.id().toString());
        assertThat(page(operator, "/operator/abuse-cases" + filter + "&state=open")).doesNotContain(kase.id().toString())
                .contains("No case matches");
        assertThat(page(operator, "/operator/abuse-cases" + filter + "&severity=medium")).contains(kase.id().toString());
    }

    @Test
    void aClientsUsersDoNotReachTheDeskAndTheirComplaintsPageLeavesTheReportOut() throws Exception {
        var kase = cases.report(Fixtures.operator(), new AbuseCases.OperatorReport(client.client().id(), null, email, "abuse",
                "Secret words of the reporter"));
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());

        assertThat(status(admin, "/operator/abuse-cases")).isEqualTo(403);
        assertThat(status(admin, "/operator/abuse-cases/" + kase.id())).isEqualTo(403);
        assertThat(page(admin, "/complaints")).contains(email).contains("open").doesNotContain("Secret words");
    }

    private MockHttpSession logIn(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(user).password(password))
                .andReturn().getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        var response = mvc.perform(get(path).session(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private int status(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andReturn().getResponse().getStatus();
    }
}
