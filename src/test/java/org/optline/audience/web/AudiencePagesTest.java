package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Every audience page renders for a client admin, and forms answer bad input with a readable message. */
@OptlineTest
class AudiencePagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;

    MockHttpSession session;
    Actor admin;

    @BeforeEach
    void logIn() throws Exception {
        var client = Fixtures.client(clients, "Pages");
        admin = Fixtures.admin(client);
        session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void everyPageRendersWithItsData() throws Exception {
        var list = lists.create(admin, new Lists.ListInput("Garden club", null, "double"));
        fields.create(admin, "interests", "Interests", "multi");
        var s = subscribers.save(admin, new SubscriberInput("rose@garden.de", "Rose", Map.of("interests", List.of("tulips")),
                List.of(list.id()), null), true).subscriber();
        assertThat(page("/audience/lists")).contains("Garden club");
        assertThat(page("/audience/lists/" + list.id())).contains("Garden club");
        assertThat(page("/audience/subscribers")).contains("rose@garden.de");
        assertThat(page("/audience/subscribers?q=ros&listId=" + list.id())).contains("rose@garden.de");
        assertThat(page("/audience/subscribers/" + s.id())).contains("Rose").contains("tulips").contains("subscribed");
        assertThat(page("/audience/fields")).contains("Interests");
        assertThat(page("/audience/suppressions")).contains("Nobody is suppressed");
        assertThat(page("/audience/imports")).contains("Garden club");
        String fragment = mvc.perform(get("/audience/subscribers?q=zzz").header("HX-Request", "true").session(session))
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("No subscribers match").doesNotContain("<html");
    }

    @Test
    void badFormInputComesBackAsAMessage() throws Exception {
        mvc.perform(post("/audience/lists").session(session).with(csrf()).param("name", " ").param("optIn", "single"))
                .andExpect(flash().attribute("error", "Name is required."));
        mvc.perform(post("/audience/fields").session(session).with(csrf()).param("key", "Bad Key").param("type", "text"))
                .andExpect(flash().attributeExists("error"));
        mvc.perform(post("/audience/suppressions").session(session).with(csrf()).param("email", "nope"))
                .andExpect(flash().attribute("error", "Email is not an email address."));
    }

    @Test
    void anotherClientsSubscriberPageIsNotFound() throws Exception {
        var other = Fixtures.client(clients, "Elsewhere");
        var theirs = subscribers.save(Fixtures.admin(other), new SubscriberInput("x@else.de", null, Map.of(), List.of(), null), false);
        mvc.perform(get("/audience/subscribers/" + theirs.subscriber().id()).session(session)).andExpect(status().isNotFound());
    }
}
