package org.optline.site.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optline.delivery.Outbox;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The abuse form's page: each field refused with its own sentence and the typed text kept, CSRF
 * required, a filled honeypot answered as accepted with nothing stored or mailed, 429 past the
 * per-address limit; the operator's list and page of reports, which clients do not reach.
 */
@OptlineTest
class AbuseFormPagesTest {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired Clients clients;
    @Autowired AbuseReports reports;

    @Test
    void theFormIsPublicWithALargePasteArea() throws Exception {
        String page = mvc.perform(get("/abuse")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Report unsolicited email").contains("id=\"abuse-pasted\"").contains("maxlength=\"100000\"")
                .contains("name=\"website\"").contains("name=\"_csrf\"");
    }

    @Test
    void everyFieldIsRefusedWithItsOwnSentenceAndTheTypedTextIsKept() throws Exception {
        MockHttpServletResponse empty = send(next(), form("", "", ""));
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(body(empty)).contains("id=\"abuse-email-error\"").contains("Your email is required.")
                .contains("id=\"abuse-pasted-error\"").contains("The message is required: paste the message")
                .doesNotContain("id=\"abuse-note-error\"");

        MockHttpServletResponse typed = send(next(), form("me at home", "Subject: <Win> money", "n".repeat(2001)));
        assertThat(typed.getStatus()).isEqualTo(400);
        assertThat(body(typed)).contains("Your email is not an email address.").contains("Note must be at most 2000 characters.")
                .contains("value=\"me at home\"").contains(">Subject: &lt;Win&gt; money</textarea>")
                .doesNotContain("id=\"abuse-pasted-error\"");

        MockHttpServletResponse tooLong = send(next(), form("kim@reporters.example.org", "x".repeat(100_001), null));
        assertThat(body(tooLong)).contains("The message must be at most 100000 characters");
        assertThat(count("kim@reporters.example.org")).isZero();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        MockHttpServletResponse refused = mvc.perform(form("eve@reporters.example.org", "Subject: spam", null))
                .andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(count("eve@reporters.example.org")).isZero();
    }

    @Test
    void aFilledHoneypotLooksAcceptedAndNothingIsStoredOrMailed() throws Exception {
        String email = "bot-" + UUID.randomUUID().toString().substring(0, 6) + "@reporters.example.org";
        MockHttpServletResponse answer = send(next(), form(email, "Subject: spam", null).param("website", "x"));
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(body(answer)).contains("id=\"abuse-reference\"");
        assertThat(count(email)).isZero();
        assertThat(outbox.page(Fixtures.operator(), null, 200).items()).noneMatch(m -> m.recipient().equals(email));
    }

    @Test
    void anAddressGets429PastTheLimit() throws Exception {
        String address = next();
        for (int i = 0; i < 5; i++) {
            assertThat(send(address, form("r" + i + "@reporters.example.org", "Subject: spam " + i, null)).getStatus())
                    .isEqualTo(200);
        }
        MockHttpServletResponse limited = send(address, form("r9@reporters.example.org", "Subject: spam", null));
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(body(limited)).contains("Please try again in 10 minutes");
        assertThat(count("r9@reporters.example.org")).isZero();
    }

    @Test
    void operatorsReadReportsAndClientsDoNot() throws Exception {
        String email = "olaf-" + UUID.randomUUID().toString().substring(0, 6) + "@reporters.example.org";
        AbuseReports.Filed filed = reports.file(new AbuseReports.ReportInput(email, "From: x@spam.example\n\n<b>Pills</b>",
                "Please look"));
        assertThat(filed.matched()).isFalse();

        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        String list = page(operator, "/operator/site-reports");
        assertThat(list).contains(filed.reference()).contains(email).contains("href=\"/operator/site-reports\"");
        assertThat(page(operator, "/operator/site-reports?outcome=matched")).doesNotContain(filed.reference());
        String one = page(operator, "/operator/site-reports/" + filed.id());
        assertThat(one).contains("&lt;b&gt;Pills&lt;/b&gt;").contains("Please look").contains("Unmatched");
        assertThat(mvc.perform(get("/operator/site-reports/" + UUID.randomUUID()).session(operator)).andReturn()
                .getResponse().getStatus()).isEqualTo(404);

        CreatedClient client = Fixtures.client(clients, "Report Peeker");
        MockHttpSession clientUser = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(mvc.perform(get("/operator/site-reports/" + filed.id()).session(clientUser)).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    private long count(String reporter) {
        return jdbc.sql("select count(*) from site_abuse_reports where reporter_email = :e").param("e", reporter)
                .query(Long.class).single();
    }

    private static String next() {
        return "192.0.2." + (100 + NEXT_ADDRESS.getAndIncrement());
    }

    private static MockHttpServletRequestBuilder form(String reporter, String pasted, String note) {
        MockHttpServletRequestBuilder post = post("/abuse").param("reporterEmail", reporter).param("pasted", pasted);
        return note == null ? post : post.param("note", note);
    }

    private MockHttpServletResponse send(String address, MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        })).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private MockHttpSession logIn(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(user).password(password))
                .andReturn().getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).session(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return body(response);
    }
}
