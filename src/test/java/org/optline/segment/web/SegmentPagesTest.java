package org.optline.segment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The segment editor without a browser: the builder's buttons and fields, the live count fragment, saving. */
@OptlineTest
class SegmentPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired CustomFields fields;
    @Autowired Lists lists;
    @Autowired Campaigns campaigns;

    MockHttpSession session;
    Actor admin;

    @BeforeEach
    void logIn() throws Exception {
        var client = Fixtures.client(clients, "Segment Pages");
        admin = Fixtures.admin(client);
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "interests", "Interests", "multi");
        session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    @Test
    void theBuilderAddsRowsAndWritesTheExpression() throws Exception {
        assertThat(mvc.perform(get("/segments/new").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("g0.c0.field").contains("Country");
        String added = mvc.perform(post("/segments/builder").session(session).with(csrf()).header("HX-Request", "true")
                        .param("join", "and").param("g0.join", "and")
                        .param("g0.c0.field", "country").param("g0.c0.op", "in").param("g0.c0.value", "US, CA")
                        .param("action", "add:0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("g0.c1.field").contains("country in [&quot;US&quot;, &quot;CA&quot;]").doesNotContain("<html");
        String grouped = mvc.perform(post("/segments/builder").session(session).with(csrf())
                        .param("join", "or").param("g0.join", "and")
                        .param("g0.c0.field", "country").param("g0.c0.op", "=").param("g0.c0.value", "US")
                        .param("g0.c1.field", "name").param("g0.c1.op", "is set").param("g0.c1.value", "")
                        .param("g1.join", "and").param("g1.c0.field", "@list").param("g1.c0.op", "in list").param("g1.c0.value", "VIP"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(grouped).contains("(country = &quot;US&quot; and name is set) or in list &quot;VIP&quot;")
                .contains("there is no list named");
    }

    private String saved(String expression) throws Exception {
        String location = mvc.perform(post("/segments").session(session).with(csrf()).param("name", "Saved " + expression.hashCode())
                .param("expression", expression)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return oneLine(mvc.perform(get(location).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** The page with every run of white space as one space, so attributes read in order whatever the line breaks. */
    private static String oneLine(String html) {
        return html.replaceAll("\\s+", " ");
    }

    @Test
    void reopeningASavedSegmentShowsItsExpressionInTheBuilder() throws Exception {
        String page = saved("country = \"US\" and interests has \"shoes\"");
        assertThat(page).contains("<option value=\"country\" selected=\"selected\">")
                .contains("<option value=\"interests\" selected=\"selected\">")
                .contains("id=\"g0.c0.value\" value=\"US\"").contains("id=\"g0.c1.value\" value=\"shoes\"")
                .contains("g0.c1.op").doesNotContain("g0.c2.field").doesNotContain("builder-unavailable")
                .contains(">country = &quot;US&quot; and interests has &quot;shoes&quot;</textarea>");
    }

    @Test
    void aBuilderChangeOnAReopenedSegmentKeepsItsConditions() throws Exception {
        String expression = "country = \"US\" and interests has \"shoes\"";
        // A third row whose field was just chosen: the two conditions stay, the unfinished row writes nothing.
        String page = mvc.perform(post("/segments/builder").session(session).with(csrf()).header("HX-Request", "true")
                        .param("written", expression).param("expression", expression)
                        .param("join", "and").param("g0.join", "and")
                        .param("g0.c0.field", "country").param("g0.c0.op", "=").param("g0.c0.value", "US")
                        .param("g0.c1.field", "interests").param("g0.c1.op", "has").param("g0.c1.value", "shoes")
                        .param("g0.c2.field", "country").param("g0.c2.op", "").param("g0.c2.value", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(oneLine(page)).contains(">country = &quot;US&quot; and interests has &quot;shoes&quot;</textarea>")
                .contains("g0.c2.field");
    }

    @Test
    void theBuilderNeverWritesOverTextItDoesNotShow() throws Exception {
        String page = saved("not (country = \"US\" or interests has \"shoes\")");
        assertThat(page).contains("id=\"builder-unavailable\"").contains("The builder cannot show this expression")
                .doesNotContain("g0.c0.field")
                .contains(">not (country = &quot;US&quot; or interests has &quot;shoes&quot;)</textarea>");
        // Whatever reaches the builder's address without rows (a stale page, a pressed button) keeps the text.
        String kept = mvc.perform(post("/segments/builder").session(session).with(csrf()).header("HX-Request", "true")
                        .param("written", "not (country = \"US\" or interests has \"shoes\")")
                        .param("expression", "not (country = \"US\" or interests has \"shoes\")").param("action", "load"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(oneLine(kept)).contains(">not (country = &quot;US&quot; or interests has &quot;shoes&quot;)</textarea>")
                .contains("builder-unavailable");
    }

    @Test
    void aBuilderChangeAfterTheTextWasEditedLoadsTheTextInsteadOfOverwritingIt() throws Exception {
        String page = mvc.perform(post("/segments/builder").session(session).with(csrf()).header("HX-Request", "true")
                        .param("written", "country = \"US\"").param("expression", "country = \"DE\" or name is set")
                        .param("join", "and").param("g0.join", "and")
                        .param("g0.c0.field", "name").param("g0.c0.op", "=").param("g0.c0.value", "US"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(oneLine(page)).contains(">country = &quot;DE&quot; or name is set</textarea>").contains("id=\"builder-notice\"")
                .contains("id=\"g0.c0.value\" value=\"DE\"").contains("<option value=\"or\" selected=\"selected\">or</option>");
    }

    @Test
    void engagementRowsOfferTheClientsCampaigns() throws Exception {
        var list = lists.create(admin, new Lists.ListInput("Buyers", null, "single"));
        campaigns.create(admin, new Campaigns.CampaignInput("Spring sale", "Spring", "", "Shop", "news@segment-pages.example", "",
                "<p>Hi</p>", null, null, null, List.of(list.id())));
        String written = mvc.perform(post("/segments/builder").session(session).with(csrf()).header("HX-Request", "true")
                        .param("join", "and").param("g0.join", "and")
                        .param("g0.c0.field", "opened").param("g0.c0.op", "within").param("g0.c0.value", "30")
                        .param("g0.c1.field", "clicked").param("g0.c1.op", "campaign").param("g0.c1.value", "Spring sale")
                        .param("g0.c2.field", "received").param("g0.c2.op", "not campaign").param("g0.c2.value", "Spring sale")
                        .param("g0.c3.field", "opened").param("g0.c3.op", "never").param("g0.c3.value", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(oneLine(written)).contains(">opened within 30 days and clicked campaign &quot;Spring sale&quot; and "
                        + "not received campaign &quot;Spring sale&quot; and never opened</textarea>")
                .contains("<option value=\"Spring sale\" selected=\"selected\">Spring sale</option>")
                .contains("id=\"count-value\"");

        String reopened = saved("clicked within 7 days and received campaign \"Spring sale\"");
        assertThat(reopened).contains("<option value=\"clicked\" selected=\"selected\">Clicked</option>")
                .contains("<option value=\"within\" selected=\"selected\">within</option>").contains("value=\"7 days\"")
                .contains("<option value=\"Spring sale\" selected=\"selected\">Spring sale</option>");
    }

    @Test
    void theTextModeCountsAndSavingNeedsAValidExpression() throws Exception {
        assertThat(mvc.perform(post("/segments/preview").session(session).with(csrf()).param("expression", "country = \"US\""))
                .andReturn().getResponse().getContentAsString()).contains("count-value");
        assertThat(mvc.perform(post("/segments").session(session).with(csrf()).param("name", "Bad").param("expression", "country ="))
                .andReturn().getResponse().getContentAsString()).contains("at column 10");
        mvc.perform(post("/segments").session(session).with(csrf()).param("name", "Good").param("expression", "country = \"US\""))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/segments").session(session)).andReturn().getResponse().getContentAsString()).contains("Good");
    }
}
