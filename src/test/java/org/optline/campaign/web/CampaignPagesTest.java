package org.optline.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.campaign.Campaigns;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The campaign pages: the preview is served sandboxed, bad input comes back as a message. */
@OptlineTest
class CampaignPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Campaigns campaigns;
    @Autowired org.optline.campaign.WebViewTokens webViews;
    @Autowired org.optline.delivery.SendingDomains domains;
    @Autowired org.optline.audience.Subscribers subscribers;

    @Test
    void aScheduleIsReadInTheClientsTimeZone() throws Exception {
        var client = clients.create(Fixtures.operator(), new org.optline.platform.NewClient("Berliner", "1 Platz, Berlin",
                "admin@berliner.de", null, "Europe/Berlin"));
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribersSave(admin, list.id());
        domains.add(admin, "berliner.de");
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "news@berliner.de", null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        mvc.perform(post("/campaigns/" + c.id() + "/status").session(session).with(csrf()).param("action", "schedule")
                .param("at", "2030-01-15T09:00")).andExpect(status().is3xxRedirection());
        var scheduled = campaigns.get(admin, c.id());
        assertThat(scheduled.status()).isEqualTo(org.optline.campaign.CampaignStatus.SCHEDULED);
        assertThat(scheduled.scheduledAt().toInstant()).isEqualTo(java.time.Instant.parse("2030-01-15T08:00:00Z"));
        assertThat(mvc.perform(get("/campaigns/" + c.id()).session(session)).andReturn().getResponse().getContentAsString())
                .contains("2030-01-15 09:00").contains("Europe/Berlin");
    }

    @Test
    void whyDeliveryPausedACampaignIsShownWithItsStatusUntilItMovesOn() throws Exception {
        var client = clients.create(Fixtures.operator(), new org.optline.platform.NewClient("Pausing", "1 Platz, Berlin",
                "admin@pausing.de", null, "Europe/Berlin"));
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribers.save(admin, new org.optline.audience.SubscriberInput("someone@pausing.de", null, java.util.Map.of(),
                List.of(list.id()), null), false);
        domains.add(admin, "pausing.de");
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "news@pausing.de", null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        assertThat(campaigns.pauseForDelivery(client.client().id(), c.id(), "Your SMTP relay could not be reached since 2026-11-29T10:00:00Z"))
                .isTrue();
        assertThat(campaigns.get(admin, c.id()).statusNote()).contains("could not be reached");
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        assertThat(mvc.perform(get("/campaigns/" + c.id()).session(session)).andReturn().getResponse().getContentAsString())
                .contains("id=\"campaign-status-note\"").contains("Your SMTP relay could not be reached");

        campaigns.resume(admin, c.id());
        assertThat(campaigns.get(admin, c.id()).statusNote()).isNull();
        assertThat(mvc.perform(get("/campaigns/" + c.id()).session(session)).andReturn().getResponse().getContentAsString())
                .doesNotContain("campaign-status-note");
    }

    private void subscribersSave(org.optline.platform.Actor admin, java.util.UUID listId) {
        subscribers.save(admin, new org.optline.audience.SubscriberInput("someone@berliner.de", null, java.util.Map.of(),
                List.of(listId), null), false);
    }

    @Test
    void thePreviewIsSandboxedAndOtherPagesMayNotBeFramed() throws Exception {
        var client = Fixtures.client(clients, "Campaign Pages");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "f@cp.de", null,
                "<p>Hi<script>alert(1)</script></p>", null, null, null, List.of(list.id())));
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        String preview = mvc.perform(get("/campaigns/" + c.id() + "/preview.html").session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.startsWith("sandbox; default-src 'none'")))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
                .andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("Hi").doesNotContain("<script");
        mvc.perform(get("/campaigns/" + c.id()).session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")));
        String token = webViews.token(client.client().id(), c.id(), new java.util.UUID(0, 0));
        String view = mvc.perform(get("/s/view/" + token))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.startsWith("sandbox; default-src 'none'")))
                .andReturn().getResponse().getContentAsString();
        assertThat(view).contains("Hi").contains("<title>S</title>");
        mvc.perform(get("/s/view/" + org.optline.test.Fixtures.tampered(token))).andExpect(status().isNotFound());
        // preview as a chosen subscriber, and the template manager
        String asPage = mvc.perform(get("/campaigns/" + c.id() + "?as=nobody@cp.de").session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(asPage).contains("No subscriber nobody@cp.de");
        mvc.perform(post("/campaigns/templates").session(session).with(csrf()).param("name", "Basic")
                .param("html", "<html><body>{{content}}</body></html>")).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/campaigns/templates").session(session)).andReturn().getResponse().getContentAsString())
                .contains("Basic");
        String draft = mvc.perform(post("/campaigns/draft-preview").session(session).with(csrf())
                        .param("subject", "Hi").param("html", "<p>Draft for {{name|you}}<script>x()</script></p>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(draft).contains("srcdoc=\"").contains("Draft for Sam Sample").doesNotContain("<script").doesNotContain("<html");
        assertThat(mvc.perform(get("/campaigns").session(session)).andReturn().getResponse().getContentAsString())
                .contains("<th>Sent</th>");
        String bad = mvc.perform(post("/campaigns").session(session).with(csrf()).param("name", "X").param("subject", "S")
                        .param("fromName", "F").param("fromEmail", "nope").param("html", "<p>x</p>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("fromEmail: is not an email address");
    }
}
