package org.optline.site.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@OptlineTest
class HomePageTest {

    @Autowired MockMvc mvc;

    @Test
    void theHomeIsOpenToVisitorsUnderTheStrictPolicy() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"permission-statement\"")))
                .andExpect(content().string(Matchers.containsString("href=\"/login\"")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self'")));
    }

    @Test
    void theAppStillNeedsALogin() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection());
    }
}
