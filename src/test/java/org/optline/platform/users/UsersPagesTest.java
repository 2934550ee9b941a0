package org.optline.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The users page: a refused new user comes back with what was chosen, the role included. */
@OptlineTest
class UsersPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;

    @Test
    void processCreateKeepsTheChosenRoleAfterAValidationError() throws Exception {
        var client = Fixtures.client(clients, "Role Keepers");
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);

        MvcResult refused = mvc.perform(post("/settings/users").session(session).with(csrf())
                .param("email", "analyst@role-keepers.test").param("password", "short").param("role", "analyst")).andReturn();
        String page = mvc.perform(get("/settings/users").session(session).flashAttrs(refused.getFlashMap()))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("value=\"analyst@role-keepers.test\"");
        assertThat(page).containsPattern("<option value=\"analyst\"\\s+selected=\"selected\"");
        assertThat(page).doesNotContainPattern("<option value=\"client_admin\"\\s+selected");
    }

    @Test
    void initListPreselectsNoRole() throws Exception {
        var client = Fixtures.client(clients, "Role Choosers");
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        String page = mvc.perform(get("/settings/users").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<option value=\"\" disabled selected=\"selected\">Choose a role</option>");
    }
}
