package org.optline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.NewUser;
import org.optline.platform.Role;
import org.optline.platform.Users;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/** The UI login: CSRF, a new session at login, lockout after repeated failures, and the audit trail. */
@OptlineTest
class LoginTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired AuditLog audit;
    @Autowired Users users;

    @Test
    void pagesNeedALogin() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/operator/clients")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/login")).andExpect(status().isOk());
    }

    @Test
    void loginWithoutACsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("email", Fixtures.OPERATOR_EMAIL).param("password", Fixtures.OPERATOR_PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void loginStartsANewSession() throws Exception {
        MockHttpSession before = new MockHttpSession();
        MvcResult result = mvc.perform(formLogin("/login").userParameter("email")
                        .user(Fixtures.OPERATOR_EMAIL).password(Fixtures.OPERATOR_PASSWORD))
                .andExpect(redirectedUrl("/dashboard"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNotNull();
        assertThat(result.getRequest().getSession(false).getId()).isNotEqualTo(before.getId());
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        mvc.perform(get("/dashboard").session(session)).andExpect(redirectedUrl("/operator"));
        mvc.perform(get("/operator/clients").session(session)).andExpect(status().isOk());
    }

    @Test
    void operatorLoginMovesAnExistingSessionToANewId() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String oldId = session.getId();
        MvcResult result = mvc.perform(post("/login").session(session).with(csrf())
                        .param("email", Fixtures.OPERATOR_EMAIL).param("password", Fixtures.OPERATOR_PASSWORD))
                .andExpect(redirectedUrl("/dashboard"))
                .andReturn();
        assertThat(session.isInvalid()).isTrue();
        assertThat(result.getRequest().getSession(false).getId()).isNotEqualTo(oldId);
    }

    @Test
    void clientAdminsSeeTheirDashboardButNotTheOperatorArea() throws Exception {
        var acme = Fixtures.client(clients, "Dashboard Co");
        MvcResult login = mvc.perform(formLogin("/login").userParameter("email")
                        .user(acme.admin().email()).password(acme.generatedAdminPassword()))
                .andExpect(redirectedUrl("/dashboard"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
        String page = mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Dashboard Co").contains("API keys").doesNotContain("Audit log");
        mvc.perform(get("/operator/clients").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void disablingAUserEndsTheirOpenSession() throws Exception {
        var acme = Fixtures.client(clients, "Disabled Session");
        var marketer = users.create(Fixtures.admin(acme), new NewUser("leaver@disabled.de",
                "a long enough password", Role.MARKETER));
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user("leaver@disabled.de").password("a long enough password")).andReturn().getRequest().getSession(false);
        mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk());
        users.setEnabled(Fixtures.admin(acme), marketer.id(), false);
        mvc.perform(get("/dashboard").session(session)).andExpect(redirectedUrl("/login?expired"));
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsAtTheirNextRequestButNotThisOne() throws Exception {
        var acme = Fixtures.client(clients, "Password Change");
        MockHttpSession here = login(acme.admin().email(), acme.generatedAdminPassword());
        MockHttpSession elsewhere = login(acme.admin().email(), acme.generatedAdminPassword());
        mvc.perform(get("/dashboard").session(elsewhere)).andExpect(status().isOk());
        mvc.perform(post("/account/password").session(here).with(csrf())
                        .param("currentPassword", acme.generatedAdminPassword())
                        .param("newPassword", "a brand new pass phrase"))
                .andExpect(status().isOk())
                .andExpect(MockMvcResultMatchers.content()
                        .string(Matchers.containsString("Your password was changed.")));
        mvc.perform(get("/dashboard").session(here)).andExpect(status().isOk());
        mvc.perform(get("/dashboard").session(elsewhere)).andExpect(redirectedUrl("/login?expired"));
        assertThat(elsewhere.isInvalid()).isTrue();
        // A session opened with the new password is a session like any other.
        mvc.perform(get("/dashboard").session(login(acme.admin().email(), "a brand new pass phrase"))).andExpect(status().isOk());
    }

    private MockHttpSession login(String email, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(email).password(password))
                .andExpect(redirectedUrl("/dashboard")).andReturn().getRequest().getSession(false);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        var locked = Fixtures.client(clients, "Lockout");
        String email = locked.admin().email();
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").userParameter("email").user(email).password("wrong password " + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").userParameter("email").user(email).password(locked.generatedAdminPassword()))
                .andExpect(redirectedUrl("/login?error"));
        var actions = audit.page(Fixtures.operator(), null, 200).items().stream()
                .filter(e -> email.equals(e.actorLabel())).map(AuditEntry::action).toList();
        assertThat(actions).contains("login.locked").contains("login.failed").doesNotContain("login.succeeded");
    }

    @Test
    void successfulLoginsAreAuditedWithTheSourceAddress() throws Exception {
        var acme = Fixtures.client(clients, "Audited Login");
        mvc.perform(post("/login").with(csrf())
                .param("email", acme.admin().email())
                .param("password", acme.generatedAdminPassword())
                .with(request -> {
                    request.setRemoteAddr("192.0.2.7");
                    return request;
                }));
        assertThat(audit.page(Fixtures.operator(), null, 200).items()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login.succeeded");
            assertThat(e.actorLabel()).isEqualTo(acme.admin().email());
            assertThat(e.clientId()).isEqualTo(acme.client().id());
            assertThat(e.sourceIp()).isEqualTo("192.0.2.7");
        });
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy",
                        Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }
}
