package org.optline.site.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.optline.test.StepClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The contact form through every filter: each field refused with its own sentence and what was
 * typed kept, CSRF required, a filled honeypot thanked and forgotten, 429 past the per-address
 * limit until the window has passed, an accepted lead stored without the visitor's address and
 * announced to the operator by mail; the operator's pages and API, which client keys do not reach.
 */
@OptlineTest
@Import(ContactFormTest.MovableClock.class)
class ContactFormTest {

    /** The limiter's clock, moved on by the rate-limit test. */
    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        StepClock movableClock() {
            return new StepClock();
        }
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

    @Autowired MockMvc mvc;
    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired Clients clients;
    @Autowired Leads leads;
    @Autowired StepClock clock;

    @Test
    void theFormIsPublicAndLinksThePrivacyPolicyBesideItsConsent() throws Exception {
        String page = mvc.perform(get("/contact")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"contact-form\"").contains("name=\"consent\"").contains("href=\"/privacy\"")
                .contains("name=\"website\"").contains("name=\"_csrf\"");
    }

    @Test
    void everyFieldIsRefusedWithItsOwnSentenceAndTheTypedTextIsKept() throws Exception {
        MockHttpServletResponse empty = send(from(), form("", "", "", "", "", false));
        assertThat(empty.getStatus()).isEqualTo(400);
        String body = empty.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("id=\"contact-name-error\"").contains("Your name is required.")
                .contains("id=\"contact-email-error\"").contains("Email is required.")
                .contains("id=\"contact-company-error\"").contains("Company is required.")
                .contains("id=\"contact-message-error\"").contains("Message is required.")
                .contains("id=\"contact-consent-error\"").contains("Please agree that we may contact you")
                .doesNotContain("id=\"contact-phone-error\"");

        MockHttpServletResponse typed = send(from(), form("Kim <Typed>", "not an address", "Kept Company",
                "call me maybe", "Words I typed", true));
        assertThat(typed.getStatus()).isEqualTo(400);
        String again = typed.getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).contains("Email is not an email address.").contains("Phone may hold only digits")
                .contains("value=\"Kim &lt;Typed&gt;\"").contains("value=\"not an address\"").contains("value=\"Kept Company\"")
                .contains("value=\"call me maybe\"").contains(">Words I typed</textarea>").contains("checked")
                .doesNotContain("id=\"contact-name-error\"").contains("aria-invalid=\"true\"");

        MockHttpServletResponse tooLong = send(from(), form("Kim", "kim@shop.example.org", "Shop", null,
                "x".repeat(5001), true));
        assertThat(tooLong.getContentAsString(StandardCharsets.UTF_8)).contains("Message must be at most 5000 characters.");
        assertThat(leadsFrom("kim@shop.example.org")).isZero();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        MockHttpServletResponse refused = mvc.perform(form(post("/contact"), "Eve", "eve@shop.example.org", "Shop", null,
                "Hello", true)).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(leadsFrom("eve@shop.example.org")).isZero();
    }

    @Test
    void aFilledHoneypotIsThankedAndNothingIsStoredOrMailed() throws Exception {
        String email = "bot-" + UUID.randomUUID().toString().substring(0, 8) + "@spam.example.org";
        MockHttpServletResponse answer = send(from(), form("Bot", email, "Bots", null, "Buy now", true).param("website",
                "http://spam.example.org"));
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"contact-reference\"").contains("L-");
        assertThat(leadsFrom(email)).isZero();
        assertThat(operatorMail()).noneMatch(m -> m.raw().contains(email));
    }

    @Test
    void anAddressGets429PastTheLimitUntilTheWindowHasPassed() throws Exception {
        String address = from();
        for (int i = 0; i < 5; i++) {
            assertThat(send(address, form("Rita", "rita" + i + "@shop.example.org", "Shop", null, "Hello " + i, true))
                    .getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse limited = send(address, form("Rita", "rita9@shop.example.org", "Shop", null, "Again", true));
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentAsString(StandardCharsets.UTF_8)).contains("Please try again in 10 minutes");
        assertThat(leadsFrom("rita9@shop.example.org")).isZero();
        // Another network is not held back meanwhile, and the first one may post again after the window.
        assertThat(send(from(), form("Rob", "rob@shop.example.org", "Shop", null, "Hi", true)).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(send(address, form("Rita", "rita9@shop.example.org", "Shop", null, "Again", true)).getStatus())
                .isEqualTo(200);
    }

    @Test
    void anAcceptedLeadIsStoredWithoutTheAddressAndMailedToTheOperator() throws Exception {
        String address = "198.51.100.231";
        String email = "lena-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.example.org";
        MockHttpServletResponse sent = send(address, form("Lena Berg", email, "Berg & Söhne", "+49 30 1234567",
                "We send a newsletter to 20,000 customers.\r\nBcc: victim@example.org", true));
        assertThat(sent.getStatus()).isEqualTo(200);
        String reference = sent.getContentAsString(StandardCharsets.UTF_8).replaceAll("(?s).*id=\"contact-reference\">([^<]+)<.*",
                "$1");
        assertThat(reference).matches("L-[0-9A-Z]{8}");

        Lead lead = leads.page(Fixtures.operator(), "new", null, 200).items().stream()
                .filter(l -> l.email().equals(email)).findFirst().orElseThrow();
        assertThat(lead.reference()).isEqualTo(reference);
        assertThat(lead.company()).isEqualTo("Berg & Söhne");
        assertThat(lead.phone()).isEqualTo("+49 30 1234567");
        assertThat(lead.consentText()).contains("privacy policy");
        assertThat(lead.status()).isEqualTo("new");

        OutboxMessage mail = operatorMail().stream().filter(m -> m.raw().contains(reference)).findFirst().orElseThrow();
        assertThat(mail.recipient()).isEqualTo(Fixtures.OPERATOR_EMAIL);
        assertThat(mail.clientId()).isNull();
        assertThat(mail.kind()).isEqualTo("site-lead");
        assertThat(mail.subject()).contains(reference).contains("Berg");
        // The message's own line breaks stay in the body: no header of the visitor's making.
        assertThat(mail.raw().split("\r\n\r\n", 2)[0]).doesNotContain("victim@example.org");

        // Nothing of the visitor's address was kept: not in the lead, not in the mail.
        assertThat(jdbc.sql("select count(*) from site_leads where concat(name, email, company, coalesce(phone, ''), message,"
                + " consent_text) like :ip").param("ip", "%198.51.100%").query(Long.class).single()).isZero();
        assertThat(mail.raw()).doesNotContain("198.51.100");

        // A company typed with a line break cannot start a header of its own (STANDARDS 56).
        Lead crafted = leads.submit(new Leads.ContactInput("Mal", "mal@shop.example.org", "Mal Inc\r\nBcc: victim2@example.org",
                null, "Hi", true));
        OutboxMessage craftedMail = operatorMail().stream().filter(m -> m.subject().contains(crafted.reference())).findFirst()
                .orElseThrow();
        assertThat(craftedMail.subject()).doesNotContain("\n").doesNotContain("\r");
        assertThat(craftedMail.raw().split("\r\n\r\n", 2)[0].lines()).noneMatch(l -> l.startsWith("Bcc:"));
    }

    @Test
    void operatorsListAndAnswerLeadsOnPagesAndByApiAndClientsDoNot() throws Exception {
        String email = "olga-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.example.org";
        Lead lead = leads.submit(new Leads.ContactInput("Olga", email, "Olga's Shop", null, "Tell me more", true));

        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        String list = page(operator, "/operator/leads");
        assertThat(list).contains(lead.reference()).contains("Olga&#39;s Shop").contains("href=\"/operator/leads\"");
        String one = page(operator, "/operator/leads/" + lead.id());
        assertThat(one).contains("Tell me more").contains("id=\"lead-answer\"");

        MockHttpServletResponse tooLong = mvc.perform(post("/operator/leads/" + lead.id() + "/answered").session(operator)
                .with(csrf()).param("note", "n".repeat(4001))).andReturn().getResponse();
        assertThat(tooLong.getRedirectedUrl()).isEqualTo("/operator/leads/" + lead.id());
        assertThat(leads.get(Fixtures.operator(), lead.id()).status()).isEqualTo("new");

        mvc.perform(post("/operator/leads/" + lead.id() + "/answered").session(operator).with(csrf())
                .param("note", "Called back, demo booked")).andReturn();
        Lead answered = leads.get(Fixtures.operator(), lead.id());
        assertThat(answered.status()).isEqualTo("answered");
        assertThat(answered.answerNote()).isEqualTo("Called back, demo booked");
        assertThat(answered.answeredBy()).isNotBlank();
        assertThat(answered.answeredAt()).isNotNull();
        assertThat(page(operator, "/operator/leads?status=answered")).contains(lead.reference());
        assertThat(page(operator, "/operator/leads")).doesNotContain(lead.reference());

        // The API: operator keys read and answer; answering twice is a conflict.
        Lead other = leads.submit(new Leads.ContactInput("Otto", "otto@shop.example.org", "Otto AG", null, "Hi", true));
        assertThat(api(get("/api/v1/leads?status=new&limit=200"), Fixtures.OPERATOR_KEY).getContentAsString())
                .contains(other.reference()).doesNotContain(lead.reference());
        assertThat(api(get("/api/v1/leads/" + other.id()), Fixtures.OPERATOR_KEY).getContentAsString())
                .contains("\"company\":\"Otto AG\"");
        MockHttpServletResponse marked = api(post("/api/v1/leads/" + other.id() + "/answered")
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Mailed\"}"), Fixtures.OPERATOR_KEY);
        assertThat(marked.getStatus()).isEqualTo(200);
        assertThat(marked.getContentAsString()).contains("\"status\":\"answered\"");
        assertThat(api(post("/api/v1/leads/" + other.id() + "/answered").contentType(MediaType.APPLICATION_JSON)
                .content("{}"), Fixtures.OPERATOR_KEY).getStatus()).isEqualTo(409);
        assertThat(api(get("/api/v1/leads?status=maybe"), Fixtures.OPERATOR_KEY).getStatus()).isEqualTo(400);

        // A client's key and a client's user: as for a route that does not exist.
        CreatedClient client = Fixtures.client(clients, "Lead Peeker");
        String key = client.adminApiKey().secret();
        for (MockHttpServletRequestBuilder call : List.of(get("/api/v1/leads"), get("/api/v1/leads/" + lead.id()),
                post("/api/v1/leads/" + lead.id() + "/answered").contentType(MediaType.APPLICATION_JSON).content("{}"))) {
            MockHttpServletResponse refused = api(call, key);
            assertThat(refused.getStatus()).isEqualTo(404);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(refused.getContentAsString()).doesNotContain("Olga");
        }
        MockHttpSession clientUser = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(mvc.perform(get("/operator/leads").session(clientUser)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    private long leadsFrom(String email) {
        return jdbc.sql("select count(*) from site_leads where email = :email").param("email", email).query(Long.class).single();
    }

    private List<OutboxMessage> operatorMail() {
        return outbox.page(Fixtures.operator(), null, 200).items();
    }

    private static String from() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "192.0.2." + n;
    }

    private MockHttpServletResponse send(String address, MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.with(csrf()).with(request -> {
            request.setRemoteAddr(address);
            return request;
        })).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder form(String name, String email, String company, String phone, String message,
                                                      boolean consent) {
        return form(post("/contact"), name, email, company, phone, message, consent);
    }

    private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder post, String name, String email,
                                                      String company, String phone, String message, boolean consent) {
        post.param("name", name).param("email", email).param("company", company).param("message", message);
        if (phone != null) {
            post.param("phone", phone);
        }
        if (consent) {
            post.param("consent", "yes");
        }
        return post;
    }

    private MockHttpServletResponse api(MockHttpServletRequestBuilder call, String key) throws Exception {
        return mvc.perform(call.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).andReturn().getResponse();
    }

    private MockHttpSession logIn(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(user).password(password))
                .andReturn().getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).session(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
