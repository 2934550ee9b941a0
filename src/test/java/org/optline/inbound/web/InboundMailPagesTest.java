package org.optline.inbound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.inbound.InboundMail;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The operator's inbound mail pages: the stored messages by state with what became of them, one
 * message with its raw text (escaped), and a retry for an unprocessable one, audited. A client's
 * users do not reach them.
 */
@OptlineTest
class InboundMailPagesTest {

    @Autowired MockMvc mvc;
    @Autowired InboundMail inbound;
    @Autowired Clients clients;
    @Autowired JdbcClient jdbc;

    String marker;
    UUID processed;
    UUID setAside;

    @BeforeEach
    void twoMessages() {
        marker = UUID.randomUUID().toString().substring(0, 8);
        processed = store("Subject: <b>hello</b> " + marker);
        setAside = store("Subject: broken " + marker);
        jdbc.sql("update inbound_messages set state = 'unprocessable', attempts = 8, last_error = 'parser exploded' where id = :id")
                .param("id", setAside).update();
    }

    @Test
    void theOperatorSeesWhatCameInAndWhatBecameOfIt() throws Exception {
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);

        String all = page(operator, "/operator/inbound");
        assertThat(all).contains(processed.toString(), setAside.toString()).contains("unmatched").contains("parser exploded");
        String unprocessable = page(operator, "/operator/inbound?state=unprocessable");
        assertThat(unprocessable).contains(setAside.toString()).doesNotContain(processed.toString());

        String one = page(operator, "/operator/inbound/" + processed);
        assertThat(one).contains("Subject: &lt;b&gt;hello&lt;/b&gt; " + marker).doesNotContain("<b>hello</b>")
                .doesNotContain("retry-inbound");
        assertThat(page(operator, "/operator/inbound/" + setAside)).contains("retry-inbound").contains("parser exploded");
        assertThat(status(operator, "/operator/inbound/" + UUID.randomUUID())).isEqualTo(404);
    }

    @Test
    void anUnprocessableMessageCanBeTriedAgainAndTheRetryIsAudited() throws Exception {
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);

        mvc.perform(post("/operator/inbound/" + setAside + "/retry").session(operator).with(csrf()));

        assertThat(stateOf(setAside)).isIn("received", "processed");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'inbound.retried' and target = :t")
                .param("t", "inbound-message:" + setAside).query(Integer.class).single()).isOne();

        // A processed message is not sent round again.
        String notice = mvc.perform(post("/operator/inbound/" + processed + "/retry").session(operator).with(csrf()))
                .andReturn().getFlashMap().get("error").toString();
        assertThat(notice).contains("Only a message set aside");
        assertThat(stateOf(processed)).isEqualTo("processed");
    }

    @Test
    void aClientsUsersDoNotReachTheInboundStore() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Inbound Pages Client");
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());

        assertThat(status(admin, "/operator/inbound")).isIn(403, 404);
        assertThat(status(admin, "/operator/inbound/" + processed)).isIn(403, 404);
        assertThat(mvc.perform(post("/operator/inbound/" + setAside + "/retry").session(admin).with(csrf()))
                .andReturn().getResponse().getStatus()).isIn(403, 404);
        assertThat(stateOf(setAside)).isEqualTo("unprocessable");
    }

    private UUID store(String subjectLine) {
        byte[] raw = ("From: someone@example.net\r\nTo: b-nobody@bounces.optline.local\r\n" + subjectLine
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.net>\r\n\r\nHello.\r\n").getBytes(StandardCharsets.UTF_8);
        inbound.feedRaw(Fixtures.operator(), raw);
        return jdbc.sql("select id from inbound_messages where raw = :raw").param("raw", raw).query(UUID.class).single();
    }

    private String stateOf(UUID id) {
        return jdbc.sql("select state from inbound_messages where id = :id").param("id", id).query(String.class).single();
    }

    private MockHttpSession logIn(String email, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(email).password(password))
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
