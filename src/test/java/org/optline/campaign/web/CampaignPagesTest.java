package org.optline.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignDispatch;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.Templates;
import org.optline.campaign.WebViewTokens;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.NewClient;
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
    @Autowired CampaignDispatch dispatch;
    @Autowired WebViewTokens webViews;
    @Autowired SendingDomains domains;
    @Autowired Subscribers subscribers;
    @Autowired Templates templates;

    /** A Berlin client, one subscriber, its domain, a campaign ready to send, and a logged-in session. */
    private record Ready(CreatedClient client, Actor admin,
                         Campaign campaign, MockHttpSession session) {}

    private Ready readyCampaign(String name, String domain) throws Exception {
        var client = clients.create(Fixtures.operator(), new NewClient(name, "1 Platz, Berlin",
                "admin@" + domain, null, "Europe/Berlin"));
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        subscribers.save(admin, new SubscriberInput("someone@" + domain, null, Map.of(),
                List.of(list.id()), null), false);
        domains.add(admin, domain);
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "news@" + domain, null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        return new Ready(client, admin, c, session);
    }

    private String page(Ready r) throws Exception {
        return mvc.perform(get("/campaigns/" + r.campaign().id()).session(r.session())).andReturn().getResponse().getContentAsString();
    }

    @Test
    void testSendsFromTheEditorGoOnlyToAllowedAddressesWhichAdminsManageOnTheirPage() throws Exception {
        Ready r = readyCampaign("Test Page Co", "test-page.de");
        String recipients = mvc.perform(get("/campaigns/test-recipients").session(r.session()))
                .andReturn().getResponse().getContentAsString();
        assertThat(recipients).contains("id=\"allow-test-recipient\"");
        mvc.perform(post("/campaigns/" + r.campaign().id() + "/test").session(r.session()).with(csrf())
                .param("emails", "stranger@elsewhere.test"));
        assertThat(page(r)).contains("id=\"campaign-error\"").contains("stranger@elsewhere.test");
        mvc.perform(post("/campaigns/test-recipients").session(r.session()).with(csrf()).param("email", "stranger@elsewhere.test"));
        assertThat(mvc.perform(get("/campaigns/test-recipients").session(r.session())).andReturn().getResponse()
                .getContentAsString()).contains("stranger@elsewhere.test");
        mvc.perform(post("/campaigns/" + r.campaign().id() + "/test").session(r.session()).with(csrf())
                .param("emails", "stranger@elsewhere.test"));
        assertThat(page(r)).contains("Sent 1 test message");
    }

    @Test
    void aSentCampaignOffersNoSaveAndSavingItAnywayIsRefusedOnThePage() throws Exception {
        Ready r = readyCampaign("Sent Already", "sent-already.de");
        assertThat(page(r)).contains("id=\"save-campaign\"");
        campaigns.send(r.admin(), r.campaign().id(), null);
        dispatch.markSent(r.client().client().id(), r.campaign().id());
        assertThat(page(r)).doesNotContain("id=\"save-campaign\"").contains("can no longer be edited");
        String answer = mvc.perform(post("/campaigns/" + r.campaign().id()).session(r.session()).with(csrf())
                        .param("name", "C").param("subject", "Changed").param("fromName", "F")
                        .param("fromEmail", "news@sent-already.de").param("html", "<p>Changed</p>"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("id=\"campaign-error\"").contains("can no longer be edited");
        assertThat(campaigns.get(r.admin(), r.campaign().id()).subject()).isEqualTo("S");
    }

    @Test
    void theTrackingSwitchIsSavedShownAndReadOnlyOnceSent() throws Exception {
        Ready r = readyCampaign("Tracking Switch", "tracking-switch.de");
        String list = r.campaign().listIds().get(0).toString();
        String fresh = mvc.perform(get("/campaigns/new").session(r.session())).andReturn().getResponse().getContentAsString();
        assertThat(trackingBox(fresh).hasAttr("checked")).as("new campaigns track").isTrue();
        assertThat(trackingBox(page(r)).hasAttr("checked")).isTrue();

        // Unticked: the browser leaves the box out, the editor's marker says it was shown.
        mvc.perform(post("/campaigns/" + r.campaign().id()).session(r.session()).with(csrf())
                        .param("name", "C").param("subject", "S").param("fromName", "F")
                        .param("fromEmail", "news@tracking-switch.de").param("html", "<p>Hi</p>").param("listIds", list).param("trackingShown", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(campaigns.get(r.admin(), r.campaign().id()).tracking()).isFalse();
        assertThat(trackingBox(page(r)).hasAttr("checked")).isFalse();

        // A form that never showed the box leaves the setting as it is; ticking it turns tracking on.
        mvc.perform(post("/campaigns/" + r.campaign().id()).session(r.session()).with(csrf())
                        .param("name", "C").param("subject", "Other").param("fromName", "F")
                        .param("fromEmail", "news@tracking-switch.de").param("html", "<p>Hi</p>").param("listIds", list))
                .andExpect(status().is3xxRedirection());
        assertThat(campaigns.get(r.admin(), r.campaign().id()).tracking()).isFalse();
        mvc.perform(post("/campaigns/" + r.campaign().id()).session(r.session()).with(csrf())
                        .param("name", "C").param("subject", "S").param("fromName", "F")
                        .param("fromEmail", "news@tracking-switch.de").param("html", "<p>Hi</p>").param("listIds", list).param("trackingShown", "true")
                        .param("tracking", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(campaigns.get(r.admin(), r.campaign().id()).tracking()).isTrue();

        // Created unticked from the new-campaign form.
        String created = mvc.perform(post("/campaigns").session(r.session()).with(csrf()).param("name", "Quiet")
                        .param("subject", "S").param("fromName", "F").param("fromEmail", "news@tracking-switch.de")
                        .param("html", "<p>x</p>").param("trackingShown", "true"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID quiet = UUID.fromString(created.substring(created.lastIndexOf('/') + 1));
        assertThat(campaigns.get(r.admin(), quiet).tracking()).isFalse();

        campaigns.send(r.admin(), r.campaign().id(), null);
        dispatch.markSent(r.client().client().id(), r.campaign().id());
        Element box = trackingBox(page(r));
        assertThat(box.hasAttr("checked")).isTrue();
        assertThat(box.closest("fieldset.campaign-fields").hasAttr("disabled")).as("read-only once sent").isTrue();
    }

    private static Element trackingBox(String page) {
        Element box = Jsoup.parse(page).getElementById("c-tracking");
        assertThat(box).as("the tracking checkbox").isNotNull();
        assertThat(box.parent().text()).contains("Track opens and clicks");
        return box;
    }

    @Test
    void theDefaultTemplateHasLineBreaksNotBackslashes() throws Exception {
        Ready r = readyCampaign("Default Layout", "default-layout.de");
        String page = mvc.perform(get("/campaigns/templates").session(r.session())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("{{content}}").doesNotContain("\\n");
        mvc.perform(post("/campaigns/templates").session(r.session()).with(csrf()).param("name", "Default")
                .param("html", CampaignPages.DEFAULT_TEMPLATE)).andExpect(status().is3xxRedirection());
        var template = templates.list(r.admin()).get(0);
        campaigns.change(r.admin(), r.campaign().id(), new Campaigns.CampaignInput(null, null, null, null, null, null, null, null,
                template.id(), null, null));
        assertThat(campaigns.preview(r.admin(), r.campaign().id(), null).html()).contains("Hi").doesNotContain("\\n");
    }

    @Test
    void overlongContentComesBackAsAMessageOnTheEditor() throws Exception {
        Ready r = readyCampaign("Overlong Page", "overlong-page.de");
        String answer = mvc.perform(post("/campaigns/" + r.campaign().id()).session(r.session()).with(csrf())
                        .param("name", "C").param("subject", "s".repeat(999)).param("fromName", "F")
                        .param("fromEmail", "news@overlong-page.de").param("html", "<p>Hi</p>"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("id=\"campaign-error\"").contains("Subject must be at most 998 characters.");
    }

    @Test
    void aScheduleIsReadInTheClientsTimeZone() throws Exception {
        Ready r = readyCampaign("Berliner", "berliner.de");
        mvc.perform(post("/campaigns/" + r.campaign().id() + "/status").session(r.session()).with(csrf()).param("action", "schedule")
                .param("at", "2030-01-15T09:00")).andExpect(status().is3xxRedirection());
        var scheduled = campaigns.get(r.admin(), r.campaign().id());
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.scheduledAt().toInstant()).isEqualTo(Instant.parse("2030-01-15T08:00:00Z"));
        assertThat(page(r)).contains("2030-01-15 09:00").contains("Europe/Berlin");
    }

    @Test
    void whyDeliveryPausedACampaignIsShownWithItsStatusUntilItMovesOn() throws Exception {
        Ready r = readyCampaign("Pausing", "pausing.de");
        campaigns.send(r.admin(), r.campaign().id(), null);
        assertThat(dispatch.pauseForDelivery(r.client().client().id(), r.campaign().id(),
                "Your SMTP relay could not be reached since 2026-11-29T10:00:00Z")).isTrue();
        assertThat(campaigns.get(r.admin(), r.campaign().id()).statusNote()).contains("could not be reached");
        assertThat(page(r)).contains("id=\"campaign-status-note\"").contains("Your SMTP relay could not be reached");

        campaigns.resume(r.admin(), r.campaign().id());
        assertThat(campaigns.get(r.admin(), r.campaign().id()).statusNote()).isNull();
        assertThat(page(r)).doesNotContain("campaign-status-note");
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
        String token = webViews.token(client.client().id(), c.id(), new UUID(0, 0));
        String view = mvc.perform(get("/s/view/" + token))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.startsWith("sandbox; default-src 'none'")))
                .andReturn().getResponse().getContentAsString();
        assertThat(view).contains("Hi").contains("<title>S</title>");
        mvc.perform(get("/s/view/" + Fixtures.tampered(token))).andExpect(status().isNotFound());
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
        assertThat(draft).contains("src=\"/campaigns/draft-preview/preview.html?v=").doesNotContain("<script").doesNotContain("<html");
        assertThat(mvc.perform(get("/campaigns/draft-preview/preview.html").session(session)).andReturn().getResponse()
                .getContentAsString()).contains("Draft for Sam Sample").doesNotContain("<script");
        assertThat(mvc.perform(get("/campaigns").session(session)).andReturn().getResponse().getContentAsString())
                .contains("<th>Sent</th>");
        String bad = mvc.perform(post("/campaigns").session(session).with(csrf()).param("name", "X").param("subject", "S")
                        .param("fromName", "F").param("fromEmail", "nope").param("html", "<p>x</p>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("From email is not an email address.");
    }
}
