package org.optline.segment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
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

    MockHttpSession session;

    @BeforeEach
    void logIn() throws Exception {
        var client = Fixtures.client(clients, "Segment Pages");
        fields.create(Fixtures.admin(client), "country", "Country", "text");
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
