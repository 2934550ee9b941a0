package org.optline.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Previews name their charset and the draft preview is framed under the preview policy, not the editor's. */
@OptlineTest
class DraftPreviewPageTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;

    @Test
    void previewHtmlIsServedAsUtf8() throws Exception {
        var client = Fixtures.client(clients, "Charset Cafe");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        var person = subscribers.save(admin, new SubscriberInput("mueller@charset.test", "Jürgen Müller", Map.of(),
                List.of(list.id()), null), false).subscriber();
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "S", null, "F", "news@charset.test", null,
                "<p>Grüße, {{name}} · bis bald</p>", null, null, null, List.of(list.id())));

        MockHttpServletResponse preview = mvc.perform(get("/campaigns/" + c.id() + "/preview.html")
                .param("as", person.id().toString()).session(login(client))).andReturn().getResponse();

        assertThat(preview.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(preview.getContentAsString(StandardCharsets.UTF_8)).contains("Grüße, Jürgen Müller · bis bald");
    }

    @Test
    void processDraftFramesTheDraftFromItsOwnAddressWithThePreviewPolicy() throws Exception {
        var client = Fixtures.client(clients, "Draft Diner");
        MockHttpSession session = login(client);
        String fragment = mvc.perform(post("/campaigns/draft-preview").session(session).with(csrf()).param("subject", "Hi")
                .param("preheader", "Hidden teaser").param("html", "<p style=\"color: #c00\">Hello {{name|you}}</p>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("<iframe").contains("src=\"/campaigns/draft-preview/preview.html?v=").doesNotContain("srcdoc");

        MockHttpServletResponse frame = mvc.perform(get("/campaigns/draft-preview/preview.html").session(session))
                .andReturn().getResponse();
        assertThat(frame.getHeader("Content-Security-Policy")).isEqualTo(CampaignPages.PREVIEW_CSP)
                .contains("style-src 'unsafe-inline'").doesNotContain("script-src");
        assertThat(frame.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(frame.getContentAsString(StandardCharsets.UTF_8)).contains("color").contains("Hidden teaser")
                .contains("display:none");
    }

    private MockHttpSession login(CreatedClient client) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(client.admin().email())
                .password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }
}
