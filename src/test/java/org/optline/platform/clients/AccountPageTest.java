package org.optline.platform.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.NewUser;
import org.optline.platform.Role;
import org.optline.platform.Users;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** A client admin's account page: the address shown, the time zone picked and saved, a bad zone told with nothing lost. */
@OptlineTest
class AccountPageTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Users users;

    private MockHttpSession logIn(String email, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(email).password(password))
                .andReturn().getRequest().getSession(false);
    }

    @Test
    void showHasTheAddressAndThePickerWithTheZoneChosen() throws Exception {
        var c = Fixtures.client(clients, "Account Shown");
        String page = mvc.perform(get("/settings/account").session(logIn(c.admin().email(), c.generatedAdminPassword())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(">1 Main Street, Springfield</pre>").contains("<optgroup label=\"Asia\">")
                .contains("<option value=\"UTC\" selected=\"selected\">UTC</option>").contains("href=\"/settings/account\"");
    }

    @Test
    void processTimeZoneSavesTheChosenZone() throws Exception {
        var c = Fixtures.client(clients, "Account Zone");
        MockHttpSession session = logIn(c.admin().email(), c.generatedAdminPassword());
        var flash = mvc.perform(post("/settings/account/time-zone").session(session).with(csrf()).param("timeZone", "Asia/Tokyo"))
                .andExpect(redirectedUrl("/settings/account")).andReturn().getFlashMap();
        assertThat(flash.get("notice")).isEqualTo("Campaign schedules are now entered and shown in Asia/Tokyo.");
        assertThat(clients.own(Fixtures.admin(c)).timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(mvc.perform(get("/settings/account").session(session)).andReturn().getResponse().getContentAsString())
                .contains("<option value=\"Asia/Tokyo\" selected=\"selected\">Asia/Tokyo</option>");
    }

    @Test
    void processTimeZoneRefusedTellsWhyAndKeepsTheStoredZone() throws Exception {
        var c = Fixtures.client(clients, "Account Typo");
        MockHttpSession session = logIn(c.admin().email(), c.generatedAdminPassword());
        String page = mvc.perform(post("/settings/account/time-zone").session(session).with(csrf()).param("timeZone", "Asia/Atlantis"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Time zone must be one of the listed time zones, such as Europe/Berlin or America/New_York.")
                .contains("<option value=\"Asia/Atlantis\" selected>Asia/Atlantis</option>");
        assertThat(clients.own(Fixtures.admin(c)).timeZone()).isEqualTo("UTC");
    }

    @Test
    void aMarketerNeitherSeesNorChangesTheAccount() throws Exception {
        var c = Fixtures.client(clients, "Account Marketer");
        users.create(Fixtures.admin(c), new NewUser("marketer@account-marketer.test", "a long enough password", Role.MARKETER));
        MockHttpSession session = logIn("marketer@account-marketer.test", "a long enough password");
        mvc.perform(get("/settings/account").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/settings/account/time-zone").session(session).with(csrf()).param("timeZone", "Asia/Tokyo"))
                .andExpect(status().isForbidden());
        assertThat(clients.own(Fixtures.admin(c)).timeZone()).isEqualTo("UTC");
    }
}
