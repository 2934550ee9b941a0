package org.optline.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.Role;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The operator's audit log page: narrowed on the server, paged with its filter, bad input told in sentences. */
@OptlineTest
class AuditPageTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired AuditLog audit;

    private MockHttpSession operator() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(Fixtures.OPERATOR_EMAIL)
                .password(Fixtures.OPERATOR_PASSWORD)).andReturn().getRequest().getSession(false);
    }

    @Test
    void showNarrowsByWhoActionAndDaysAndPagesWithTheFilter() throws Exception {
        var c = Fixtures.client(clients, "Audit Page");
        String who = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        Actor actor = new Actor(Actor.Kind.USER, UUID.randomUUID(), who + "@audit-page.test", c.client().id(), Role.CLIENT_ADMIN, null);
        for (int i = 0; i < 102; i++) {
            audit.record(actor, c.client().id(), "segment.saved", "segment:" + i, null);
        }
        audit.record(actor, c.client().id(), "list.created", "list:only", null);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        MockHttpSession session = operator();

        String first = mvc.perform(get("/operator/audit").session(session).param("actor", who.toUpperCase()).param("action", "segment.")
                        .param("from", today).param("to", today).param("client", c.client().id().toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("segment:101").contains("segment:2").doesNotContain("segment:1<").doesNotContain("list:only")
                .contains("value=\"" + who.toUpperCase() + "\"").contains("value=\"segment.\"").contains("value=\"" + today + "\"");
        String older = first.replaceAll("(?s).*id=\"older-entries\"\\s+href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(older).contains("actor=" + who.toUpperCase()).contains("action=segment.").contains("from=" + today)
                .contains("client=" + c.client().id());
        String second = mvc.perform(get(older).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("segment:1<").contains("segment:0<").doesNotContain("segment:2<").doesNotContain("list:only")
                .doesNotContain("id=\"older-entries\"");

        String none = mvc.perform(get("/operator/audit").session(session).param("actor", who).param("action", "client."))
                .andReturn().getResponse().getContentAsString();
        assertThat(none).contains("id=\"audit-empty\"").doesNotContain("segment:");
    }

    @Test
    void showTellsUnreadableValuesInSentencesAndKeepsThemTyped() throws Exception {
        String page = mvc.perform(get("/operator/audit").session(operator()).param("from", "yesterday").param("to", "2026-13-01")
                        .param("client", "acme").param("actor", "someone"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("From must be a date like 2026-12-31. To must be a date like 2026-12-31. "
                        + "Client must be a client id as shown on the client&#39;s page.")
                .contains("value=\"yesterday\"").contains("value=\"acme\"").contains("value=\"someone\"");
        String reversed = mvc.perform(get("/operator/audit").session(operator()).param("from", "2026-12-02").param("to", "2026-12-01"))
                .andReturn().getResponse().getContentAsString();
        assertThat(reversed).contains("To must be on or after the from date.");
    }

    @Test
    void longDetailsWrapInTheirCell() throws Exception {
        var c = Fixtures.client(clients, "Audit Wrap");
        audit.record(Fixtures.operator(), c.client().id(), "client.suspended", "client:" + c.client().id(), "x".repeat(1500));
        String page = mvc.perform(get("/operator/audit").session(operator()).param("client", c.client().id().toString()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<td data-label=\"Detail\" class=\"audit-detail\">" + "x".repeat(1500) + "</td>");
    }

    @Test
    void aClientAdminIsTurnedAwayFromTheOperatorsLog() throws Exception {
        var c = Fixtures.client(clients, "Audit Outsider");
        MockHttpSession admin = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(c.admin().email())
                .password(c.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        // The security chain keeps client logins out of /operator/** before any controller runs.
        mvc.perform(get("/operator/audit").session(admin)).andExpect(status().isForbidden());
    }
}
