package org.optline.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Sending domains, the outbox browser, the live campaign figures and the operator's delivery page. */
@OptlineTest
class DeliveryPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired DeliveryWorker worker;
    @Autowired SendingDomains domains;
    @Autowired AuditLog audit;

    private MockHttpSession logIn(String email, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(email).password(password))
                .andReturn().getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aClientAddsADomainSeesItsDnsRecordsAndGetsAReadableErrorForNonsense() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Domain Pages");
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        mvc.perform(post("/sending/domains").session(session).with(csrf()).param("domain", "Mail.Domain-Pages.de"))
                .andExpect(status().is3xxRedirection());
        String domains = page(session, "/sending/domains");
        assertThat(domains).contains("mail.domain-pages.de").contains("._domainkey.mail.domain-pages.de")
                .contains("v=DKIM1; k=rsa; p=").contains("_dmarc.mail.domain-pages.de");

        var flash = mvc.perform(post("/sending/domains").session(session).with(csrf()).param("domain", "not a domain"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat((String) flash.get("error")).contains("is not a domain name");
        var again = mvc.perform(post("/sending/domains").session(session).with(csrf()).param("domain", "mail.domain-pages.de"))
                .andReturn().getFlashMap();
        assertThat((String) again.get("error")).contains("already set up");
    }

    @Test
    void theOutboxShowsSentCampaignMailEscapedAndTheCampaignPageItsFigures() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Outbox Pages");
        var admin = Fixtures.admin(client);
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        mvc.perform(post("/sending/domains").session(session).with(csrf()).param("domain", "outbox-pages.de"));
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        for (int i = 0; i < 3; i++) {
            subscribers.save(admin, new SubscriberInput("p" + i + "@outbox-pages.de", "<b>P" + i + "</b>", Map.of(), List.of(list.id()), null), false);
        }
        var c = campaigns.create(admin, new Campaigns.CampaignInput("Figures", "Hello {{name}}", null, "Shop",
                "news@outbox-pages.de", null, "<p>Hi {{name}}</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);

        String sending = page(session, "/campaigns/" + c.id() + "/progress");
        assertThat(sending).contains("hx-trigger=\"every 2s\"");
        worker.runOnce();
        String figures = page(session, "/campaigns/" + c.id() + "/progress?sent=0&at=" + (System.currentTimeMillis() - 2000));
        assertThat(figures).contains("id=\"progress-sent\">3<").contains("id=\"progress-remaining\">0<")
                .contains("messages/s").doesNotContain("every 2s"); // sent: polling stops

        String outbox = page(session, "/outbox");
        assertThat(outbox).contains("p0@outbox-pages.de").contains("Hello &lt;b&gt;P0&lt;/b&gt;");
        String id = outbox.replaceAll("(?s).*href=\"/outbox/([0-9a-f-]{36})\".*", "$1");
        String message = page(session, "/outbox/" + id);
        assertThat(message).contains("DKIM-Signature:").contains("List-Unsubscribe-Post").doesNotContain("<b>P");
    }

    @Test
    void aClientSetsItsRelayInTheUiWithReadableErrorsAndRemovesIt() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Relay Page");
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(page(session, "/sending/relay")).contains("Your campaigns leave through the platform").contains("capture");
        var bad = mvc.perform(post("/sending/relay").session(session).with(csrf()).param("host", "smtp.relay-page.de")
                .param("port", "0").param("tls", "starttls")).andReturn().getFlashMap();
        assertThat((String) bad.get("error")).isEqualTo("Port must be between 1 and 65535.");
        mvc.perform(post("/sending/relay").session(session).with(csrf()).param("host", "smtp.relay-page.de").param("port", "587")
                .param("tls", "starttls").param("username", "u").param("password", "relay page secret"))
                .andExpect(status().is3xxRedirection());
        String set = page(session, "/sending/relay");
        assertThat(set).contains("smtp.relay-page.de:587").contains("stored; leave empty to keep it").doesNotContain("relay page secret");
        assertThat(set).contains("<option value=\"starttls\" selected=\"selected\">").doesNotContain("<option value=\"none\" selected");
        mvc.perform(post("/sending/relay").session(session).with(csrf()).param("action", "remove"))
                .andExpect(status().is3xxRedirection());
        assertThat(page(session, "/sending/relay")).doesNotContain("smtp.relay-page.de:587");
    }

    @Test
    void onlyOperatorsSeeTheDeliverySettings() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Not Operator");
        MockHttpSession clientSession = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(mvc.perform(get("/operator/delivery").session(clientSession)).andReturn().getResponse().getStatus())
                .isIn(403, 404);
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        assertThat(page(operator, "/operator/delivery")).contains("capture").contains("gmail.com").contains("at most 20 at once per relay").contains("at most 10 at once per relay").contains("3 days").contains("2 min").contains("30 min");
    }

    @Test
    void aDomainsPageShowsItsRecordsAndDeletesItWithItsKey() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Domain Delete");
        String name = Fixtures.domain("domain-delete.de");
        var d = domains.add(Fixtures.admin(client), name);
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(page(session, "/sending/domains")).contains("href=\"/sending/domains/" + d.id() + "\"");
        assertThat(page(session, "/sending/domains/" + d.id())).contains("<h1>" + name + "</h1>").contains("._domainkey." + name)
                .contains("name=\"back\" value=\"domain\"").contains("action=\"/sending/domains/" + d.id() + "/delete\"")
                .contains("id=\"domain-unchecked\"");

        var flash = mvc.perform(post("/sending/domains/" + d.id() + "/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/sending/domains")).andReturn().getFlashMap();
        assertThat((String) flash.get("notice")).startsWith("Deleted " + name + " and its DKIM key.");
        assertThat(domains.list(Fixtures.admin(client))).isEmpty();
        mvc.perform(get("/sending/domains/" + d.id()).session(session)).andExpect(status().isNotFound());
        assertThat(audit.page(Fixtures.operator(), null, 50).items()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("domain.deleted");
            assertThat(e.detail()).isEqualTo(name);
        });
    }

    @Test
    void aDomainAScheduledCampaignSendsFromIsKeptWithTheReasonUntilTheCampaignIsCancelled() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Domain Held");
        var admin = Fixtures.admin(client);
        String name = Fixtures.domain("domain-held.de");
        var d = domains.add(admin, name);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribers.save(admin, new SubscriberInput("p@domain-held.de", "P", Map.of(), List.of(list.id()), null), false);
        var draft = campaigns.create(admin, new Campaigns.CampaignInput("Draft only", "Hi", null, "Shop", "news@" + name, null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        var later = campaigns.create(admin, new Campaigns.CampaignInput("Winter sale", "Hi", null, "Shop", "News@" + name.toUpperCase(),
                null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, later.id(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(3));
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());

        var refused = mvc.perform(post("/sending/domains/" + d.id() + "/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/sending/domains/" + d.id())).andReturn().getFlashMap();
        assertThat(refused.get("error")).isEqualTo("The domain " + name + " cannot be deleted while the campaign \"Winter sale\" "
                + "sends from it; let it finish or cancel it first.");
        assertThat(domains.get(admin, d.id()).claimed()).isTrue();
        assertThat(mvc.perform(get("/sending/domains/" + d.id()).session(session).flashAttrs(refused))
                .andReturn().getResponse().getContentAsString()).contains("id=\"domain-error\"").contains("Winter sale");

        campaigns.cancel(admin, later.id());
        mvc.perform(post("/sending/domains/" + d.id() + "/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/sending/domains"));
        assertThat(domains.list(admin)).isEmpty();
        assertThat(campaigns.get(admin, draft.id()).status().wireName()).isEqualTo("draft");
    }

    @Test
    void anotherClientsDomainPageAndDeleteAreNotFound() throws Exception {
        CreatedClient owner = Fixtures.client(clients, "Domain Owner Page");
        CreatedClient other = Fixtures.client(clients, "Domain Other Page");
        var d = domains.add(Fixtures.admin(owner), Fixtures.domain("domain-owner.de"));
        MockHttpSession session = logIn(other.admin().email(), other.generatedAdminPassword());
        mvc.perform(get("/sending/domains/" + d.id()).session(session)).andExpect(status().isNotFound());
        mvc.perform(post("/sending/domains/" + d.id() + "/delete").session(session).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/sending/domains/" + d.id() + "/verify").session(session).with(csrf())).andExpect(status().isNotFound());
        assertThat(domains.get(Fixtures.admin(owner), d.id()).claimed()).isTrue();
    }
}
