package org.optline.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.NewUser;
import org.optline.platform.Role;
import org.optline.platform.User;
import org.optline.platform.Users;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The users page: a refused new user comes back with what was chosen, the role included; roles
 * change only to one the admin may give, never leaving the client without an admin, and a demoted
 * user's session ends.
 */
@OptlineTest
class UsersPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Users users;

    private MockHttpSession logIn(String email, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(email).password(password))
                .andReturn().getRequest().getSession(false);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@users-pages.test";
    }

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
        String newUserRole = page.substring(page.indexOf("id=\"new-user-role\""));
        newUserRole = newUserRole.substring(0, newUserRole.indexOf("</select>"));
        assertThat(newUserRole).containsPattern("<option value=\"analyst\"\\s+selected=\"selected\"");
        assertThat(newUserRole).doesNotContainPattern("<option value=\"client_admin\"\\s+selected");
    }

    @Test
    void initListPreselectsNoRole() throws Exception {
        var client = Fixtures.client(clients, "Role Choosers");
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        String page = mvc.perform(get("/settings/users").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<option value=\"\" disabled selected=\"selected\">Choose a role</option>");
    }

    @Test
    void processCreateWithoutARoleSaysSoAndKeepsTheEmail() throws Exception {
        var client = Fixtures.client(clients, "Role Missing");
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        var flash = mvc.perform(post("/settings/users").session(session).with(csrf())
                .param("email", "nobody@role-missing.test").param("password", "a long enough password"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat(flash.get("error")).isEqualTo("Role is required: choose one.");
        assertThat(flash.get("email")).isEqualTo("nobody@role-missing.test");
        assertThat(users.list(Fixtures.admin(client))).extracting(User::email).doesNotContain("nobody@role-missing.test");
    }

    @Test
    void initListOffersEachUsersRoleWithTheirsSelected() throws Exception {
        var client = Fixtures.client(clients, "Role Lister");
        User analyst = users.create(Fixtures.admin(client), new NewUser(unique("an"), "a long enough password", Role.ANALYST));
        MockHttpSession session = logIn(client.admin().email(), client.generatedAdminPassword());
        String page = mvc.perform(get("/settings/users").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("action=\"/settings/users/" + analyst.id() + "/role\"")
                .containsPattern("id=\"role-" + analyst.id() + "\"[^>]*>\\s*<option value=\"client_admin\">client admin</option>\\s*"
                        + "<option value=\"marketer\">marketer</option>\\s*<option value=\"analyst\" selected=\"selected\">analyst</option>");
    }

    @Test
    void processRoleChangesTheRoleAndEndsTheUsersSession() throws Exception {
        var client = Fixtures.client(clients, "Role Mover");
        String email = unique("mk");
        User marketer = users.create(Fixtures.admin(client), new NewUser(email, "a long enough password", Role.MARKETER));
        MockHttpSession theirs = logIn(email, "a long enough password");
        mvc.perform(get("/campaigns").session(theirs)).andExpect(status().isOk());
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());

        var flash = mvc.perform(post("/settings/users/" + marketer.id() + "/role").session(admin).with(csrf()).param("role", "analyst"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/settings/users")).andReturn().getFlashMap();
        assertThat(flash.get("notice")).isEqualTo(email + " is now analyst.");
        assertThat(users.get(Fixtures.admin(client), marketer.id()).role()).isEqualTo(Role.ANALYST);
        mvc.perform(get("/campaigns").session(theirs)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void processRoleRefusesToDemoteTheLastAdminInASentence() throws Exception {
        var client = Fixtures.client(clients, "Role Last");
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());
        var flash = mvc.perform(post("/settings/users/" + client.admin().id() + "/role").session(admin).with(csrf())
                .param("role", "marketer")).andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat(flash.get("error")).isEqualTo("The only enabled admin of this account, " + client.admin().email()
                + ", cannot be made marketer; make another user an admin first.");
        assertThat(users.get(Fixtures.admin(client), client.admin().id()).role()).isEqualTo(Role.CLIENT_ADMIN);
        mvc.perform(get("/settings/users").session(admin)).andExpect(status().isOk());
    }

    @Test
    void processRoleRefusesRolesTheAdminMayNotGiveAndNonAdmins() throws Exception {
        var client = Fixtures.client(clients, "Role Guard");
        String email = unique("g");
        User marketer = users.create(Fixtures.admin(client), new NewUser(email, "a long enough password", Role.MARKETER));
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());
        var operator = mvc.perform(post("/settings/users/" + marketer.id() + "/role").session(admin).with(csrf())
                .param("role", "operator")).andReturn().getFlashMap();
        assertThat(operator.get("error")).isEqualTo("You cannot give the operator role.");
        var nonsense = mvc.perform(post("/settings/users/" + marketer.id() + "/role").session(admin).with(csrf())
                .param("role", "owner")).andReturn().getFlashMap();
        assertThat(nonsense.get("error")).isEqualTo("Role must be one of operator, client_admin, marketer, analyst.");

        MockHttpSession self = logIn(email, "a long enough password");
        var own = mvc.perform(post("/settings/users/" + marketer.id() + "/role").session(self).with(csrf())
                .param("role", "client_admin")).andReturn().getFlashMap();
        assertThat(own.get("error")).isEqualTo("This needs the client_admin role.");
        assertThat(users.get(Fixtures.admin(client), marketer.id()).role()).isEqualTo(Role.MARKETER);
    }

    @Test
    void processRoleOnAnotherClientsUserIsNotFound() throws Exception {
        var a = Fixtures.client(clients, "Role Here");
        var b = Fixtures.client(clients, "Role There");
        User theirs = users.create(Fixtures.admin(b), new NewUser(unique("t"), "a long enough password", Role.MARKETER));
        MockHttpSession admin = logIn(a.admin().email(), a.generatedAdminPassword());
        mvc.perform(post("/settings/users/" + theirs.id() + "/role").session(admin).with(csrf()).param("role", "analyst"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/settings/users/" + UUID.randomUUID() + "/role").session(admin).with(csrf()).param("role", "analyst"))
                .andExpect(status().isNotFound());
        assertThat(users.get(Fixtures.admin(b), theirs.id()).role()).isEqualTo(Role.MARKETER);
    }
}
