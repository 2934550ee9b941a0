package org.optline.inbound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.inbound.actions.BouncePolicies;
import org.optline.inbound.actions.BouncePolicy;
import org.optline.inbound.replies.Reply;
import org.optline.inbound.replies.ReplyStore;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The replies API and pages, and the bounce policy's API and form: each client sees and sets only its own. */
@OptlineTest
class InboundWebTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired ReplyStore store;
    @Autowired BouncePolicies policies;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    CreatedClient mine;
    CreatedClient theirs;
    UUID older;
    UUID newer;
    UUID theirReply;
    UUID subscriberId;

    @BeforeEach
    void replies() {
        mine = Fixtures.client(clients, "Replies Mine");
        theirs = Fixtures.client(clients, "Replies Theirs");
        subscriberId = person(mine, "ann@mine.de");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        older = reply(mine, subscriberId, "ann@mine.de", "Re: Sale", "Nice shoes", now.minusHours(2), "help@mine.de");
        newer = reply(mine, subscriberId, "ann@mine.de", "Re: News", "Do you ship to <Austria>?", now.minusHours(1), null);
        theirReply = reply(theirs, person(theirs, "bob@theirs.de"), "bob@theirs.de", "Re: Theirs", "secret", now, null);
    }

    UUID person(CreatedClient client, String email) {
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        return subscribers.save(admin, new SubscriberInput(email, null, Map.of(), List.of(list.id()), null), false)
                .subscriber().id();
    }

    UUID reply(CreatedClient client, UUID subscriber, String from, String subject, String text, OffsetDateTime at,
               String forwardedTo) {
        UUID id = UUID.randomUUID();
        scope.inClient(client.client().id(), () -> store.insert(new Reply(id, client.client().id(), subscriber, null,
                UUID.randomUUID(), from, subject, text, at, forwardedTo, forwardedTo == null ? null : at)));
        return id;
    }

    String bearer(CreatedClient client) {
        return "Bearer " + client.adminApiKey().secret();
    }

    @Test
    void repliesAreListedNewestFirstByCursorAndReadOneByOne() throws Exception {
        String body = mvc.perform(get("/api/v1/replies?limit=1").header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(newer.toString()))
                .andExpect(jsonPath("$.items[0].subscriberId").value(subscriberId.toString()))
                .andExpect(jsonPath("$.items[0].text").value("Do you ship to <Austria>?"))
                .andReturn().getResponse().getContentAsString();
        String cursor = body.replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/replies?limit=1&cursor=" + cursor).header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(jsonPath("$.items[0].id").value(older.toString()))
                .andExpect(jsonPath("$.items[0].forwardedTo").value("help@mine.de"))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        mvc.perform(get("/api/v1/replies/" + older).header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Re: Sale"))
                .andExpect(jsonPath("$.from").value("ann@mine.de"));
    }

    @Test
    void anotherClientsReplyIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/replies/" + theirReply).header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/replies").header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(jsonPath("$.items", hasSize(2)));
        mvc.perform(get("/replies/" + theirReply).session(logIn(mine))).andExpect(status().isNotFound());
    }

    @Test
    void theRepliesPagesShowTheWordsEscapedAndLinkTheSubscriber() throws Exception {
        MockHttpSession session = logIn(mine);
        mvc.perform(get("/replies").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/replies/" + newer)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/audience/subscribers/" + subscriberId)))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Re: Theirs"))));
        mvc.perform(get("/replies/" + newer).session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Do you ship to &lt;Austria&gt;?")));
    }

    @Test
    void theBouncePolicyIsReadSetValidatedAndAudited() throws Exception {
        mvc.perform(get("/api/v1/bounce-policy").header(HttpHeaders.AUTHORIZATION, bearer(mine)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.softBounceLimit").value(5))
                .andExpect(jsonPath("$.softBounceDays").value(30));
        mvc.perform(put("/api/v1/bounce-policy").header(HttpHeaders.AUTHORIZATION, bearer(mine))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"softBounceLimit\": 0, \"softBounceDays\": 400}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "softBounceLimit", "softBounceDays")));
        mvc.perform(put("/api/v1/bounce-policy").header(HttpHeaders.AUTHORIZATION, bearer(mine))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"softBounceLimit\": 3, \"softBounceDays\": 7}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.softBounceLimit").value(3));
        assertThat(policies.get(Fixtures.admin(mine))).isEqualTo(new BouncePolicy(3, 7));
        assertThat(policies.get(Fixtures.admin(theirs))).isEqualTo(BouncePolicy.DEFAULT);
        assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from audit_log where client_id = ? and action = ?")
                .param(mine.client().id()).param("bounce-policy.changed").query(Long.class).single())).isEqualTo(1);
        MockHttpSession session = logIn(mine);
        mvc.perform(post("/settings/bounces").session(session).with(csrf()).param("softBounceLimit", "8")
                .param("softBounceDays", "20")).andExpect(status().is3xxRedirection());
        assertThat(policies.get(Fixtures.admin(mine))).isEqualTo(new BouncePolicy(8, 20));
        mvc.perform(get("/settings/bounces").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"20\"")));
    }

    private MockHttpSession logIn(CreatedClient who) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(who.admin().email())
                .password(who.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }
}
