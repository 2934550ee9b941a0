package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForms;
import org.optline.campaign.Campaigns;
import org.optline.segment.Segments;
import org.optline.test.ApiRoutes;
import org.optline.test.ApiRoutes.Route;
import org.optline.test.ClientRows;
import org.optline.test.Fixtures;
import org.optline.test.ObjectsOfEveryKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A suspended client is read-only. Every changing {@code /api/v1} route, found in Spring MVC's
 * request mappings as the isolation harness finds them, is called with the suspended client's
 * own admin key on its own objects and must answer 403 problem JSON naming the standing and leave
 * every row of the client as it was; the routes marked {@link AllowedWhileSuspended} are named
 * here, so a new exemption is a visible change. Reads and exports keep working, the UI refuses
 * changes with a page and shows a banner, the public form takes no sign-ups, and a subscriber can
 * still leave.
 */
abstract class SuspendedClientContract {

    /** The changing API routes a suspended client may still call, and why (see AllowedWhileSuspended). */
    private static final Set<String> ALLOWED = Set.of(
            "POST /api/v1/campaigns/{id}/preview",
            "POST /api/v1/segments/count",
            "DELETE /api/v1/subscribers/{id}",
            "POST /api/v1/suppressions",
            "DELETE /api/v1/api-keys/{id}",
            "POST /api/v1/users/{id}/disable");

    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Users users;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired SubscriptionForms forms;
    @Autowired SubscriberTokens tokens;
    @Autowired Segments segments;
    @Autowired Campaigns campaigns;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    CreatedClient client;
    Actor admin;
    Map<String, String> ids;
    UUID listId;
    UUID subscriberId;

    @BeforeEach
    void aClientWithSomethingOfEveryKind() {
        client = Fixtures.client(clients, "Suspended Co");
        admin = Fixtures.admin(client);
        var objects = ObjectsOfEveryKind.create(context, client, "suspended");
        ids = objects.ids();
        listId = objects.listId();
        subscriberId = objects.subscriberId();
    }

    private void suspend() {
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.SUSPENDED, "abuse desk");
    }

    @Test
    void everyChangingApiRouteAnswers403NamingTheStandingAndChangesNothing() throws Exception {
        suspend();
        String key = client.adminApiKey().secret();
        // The key's first use is recorded (last_used_at); it is not the client's data changing.
        mvc.perform(get("/api/v1/lists").header(HttpHeaders.AUTHORIZATION, "Bearer " + key));
        String before = snapshot();
        List<String> failures = new ArrayList<>();
        List<Route> changing = ApiRoutes.of(mappings).stream().filter(r -> !r.method().equals("GET")).toList();
        assertThat(changing).extracting(Route::toString).contains("POST /api/v1/lists", "PATCH /api/v1/campaigns/{id}",
                "POST /api/v1/campaigns/{id}/send", "POST /api/v1/campaigns/{id}/test", "PUT /api/v1/relay");
        for (Route route : changing) {
            if (ALLOWED.contains(route.toString())) {
                if (!route.handler().hasMethodAnnotation(AllowedWhileSuspended.class)) {
                    failures.add(route + " is listed here as allowed but not marked @AllowedWhileSuspended");
                }
                continue;
            }
            if (route.handler().hasMethodAnnotation(AllowedWhileSuspended.class)) {
                failures.add(route + " is marked @AllowedWhileSuspended; name it in SuspendedClientContract.ALLOWED");
                continue;
            }
            MvcResult result = call(route, key);
            String body = result.getResponse().getContentAsString();
            if (result.getResponse().getStatus() != 403 || !String.valueOf(result.getResponse().getContentType())
                    .startsWith("application/problem+json") || !body.contains("\"title\":\"Client suspended\"")
                    || !body.contains("\"standing\":\"suspended\"")) {
                failures.add(route + " answered " + result.getResponse().getStatus() + ": " + body);
            }
            String after = snapshot();
            if (!after.equals(before)) {
                failures.add(route + " changed the suspended client's data");
                before = after;
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void readsAndExportsKeepWorking() throws Exception {
        suspend();
        String key = client.adminApiKey().secret();
        List<String> failures = new ArrayList<>();
        for (Route route : ApiRoutes.of(mappings).stream().filter(r -> r.method().equals("GET")).toList()) {
            if (ApiRoutes.FORBIDDEN_TO_CLIENTS.contains(route.resource())) {
                continue;
            }
            int status = call(route, key).getResponse().getStatus();
            if (status == 403 || status >= 500) {
                failures.add(route + " answered " + status);
            }
        }
        assertThat(failures).isEmpty();
        MvcResult export = mvc.perform(get("/api/v1/exports/subscribers.csv").header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andReturn();
        String csv = mvc.perform(MockMvcRequestBuilders.asyncDispatch(export))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).contains("person@suspended.test");
        assertThat(mvc.perform(get("/api/v1/campaigns/" + ids.get("campaigns")).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        // A preview is a read, though it is a POST.
        assertThat(mvc.perform(post("/api/v1/campaigns/" + ids.get("campaigns") + "/preview")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theUiShowsABannerAndRefusesChangesWithAPage() throws Exception {
        var marketer = users.create(admin, new NewUser("marketer@suspended.test", "a long enough password", Role.MARKETER));
        suspend();
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        String page = mvc.perform(get("/audience/lists").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"standing-banner\"").contains("Your account is suspended");
        String editor = mvc.perform(get("/campaigns/" + ids.get("campaigns")).session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(editor).contains("id=\"test-fieldset\" disabled").contains("id=\"status-fieldset\" disabled");
        MvcResult refused = mvc.perform(post("/audience/lists").session(session).with(csrf()).param("name", "Another"))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getContentAsString()).contains("id=\"standing-message\"").contains("suspended");
        assertThat(lists.list(admin)).hasSize(1);
        // Disabling a login takes something away and works; enabling one is a change and does not.
        mvc.perform(post("/settings/users/" + marketer.id() + "/enabled").session(session).with(csrf()).param("enabled", "false"));
        assertThat(users.get(admin, marketer.id()).enabled()).isFalse();
        assertThat(mvc.perform(post("/settings/users/" + marketer.id() + "/enabled").session(session).with(csrf())
                .param("enabled", "true")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(users.get(admin, marketer.id()).enabled()).isFalse();
        // Logging out is not a change of the client's data.
        assertThat(mvc.perform(post("/logout").session(session).with(csrf())).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?logout");
    }

    @Test
    void theUiOfAnActiveClientHasNoBanner() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        assertThat(mvc.perform(get("/audience/lists").session(session)).andReturn().getResponse().getContentAsString())
                .doesNotContain("standing-banner");
    }

    @Test
    void theFormTakesNoSignUpsButSubscribersCanStillLeave() throws Exception {
        var form = forms.save(admin, listId, new SubscriptionForms.Settings(true, null, null, List.of(), "Monthly news."));
        suspend();
        MvcResult signUp = mvc.perform(post("/s/subscribe/" + form.id()).param("email", "new@visitor.test")).andReturn();
        assertThat(signUp.getResponse().getStatus()).isEqualTo(404);
        assertThat(signUp.getResponse().getContentAsString()).contains("closed");
        assertThat(subscribers.findByEmail(admin, "new@visitor.test")).isEmpty();
        mvc.perform(post("/s/unsubscribe/" + tokens.unsubscribe(client.client().id(), subscriberId)).param("page", "1"))
                .andReturn();
        assertThat(subscribers.get(admin, subscriberId).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aSubscriberLoggedInAsASuspendedClientsUserCanStillLeaveAnotherClientsList() throws Exception {
        var other = Fixtures.client(clients, "Other Co");
        var otherAdmin = Fixtures.admin(other);
        var otherList = lists.create(otherAdmin, new Lists.ListInput("Other news", null, "single"));
        var person = subscribers.save(otherAdmin, new SubscriberInput(client.admin().email(), "Staff", Map.of(),
                List.of(otherList.id()), null), false).subscriber();
        suspend();
        // The same browser holds a session of the suspended client's admin.
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        mvc.perform(post("/s/unsubscribe/" + tokens.unsubscribe(other.client().id(), person.id())).session(session)
                .param("page", "1")).andReturn();
        assertThat(subscribers.get(otherAdmin, person.id()).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aTerminatedClientHasNoLoginAndNoApi() throws Exception {
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.TERMINATED, "contract ended");
        assertThat(mvc.perform(get("/api/v1/lists").header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret()))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(formLogin("/login").userParameter("email").user(client.admin().email())
                .password(client.generatedAdminPassword())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void aPausedClientWritesButDoesNotSend() throws Exception {
        clients.changeStatus(Fixtures.operator(), client.client().id(), ClientStatus.PAUSED, "complaint rate");
        String key = client.adminApiKey().secret();
        assertThat(mvc.perform(post("/api/v1/lists").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Second\"}")).andReturn().getResponse().getStatus())
                .isEqualTo(201);
        MvcResult send = mvc.perform(post("/api/v1/campaigns/" + ids.get("campaigns") + "/send")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn();
        assertThat(send.getResponse().getStatus()).isEqualTo(403);
        assertThat(send.getResponse().getContentAsString()).contains("\"title\":\"Client paused\"");
    }

    private MvcResult call(Route route, String key) throws Exception {
        String uri = route.uri(ids.getOrDefault(route.resource(), UUID.randomUUID().toString()));
        AbstractMockHttpServletRequestBuilder<?> builder = route.multipart()
                ? multipart(HttpMethod.valueOf(route.method()), uri).file(new MockMultipartFile("file", "x.csv", "text/csv",
                        "email\nx@suspended.test\n".getBytes(StandardCharsets.UTF_8)))
                : request(HttpMethod.valueOf(route.method()), uri).contentType(MediaType.APPLICATION_JSON)
                        .content(route.pattern().startsWith("/api/v1/segments") ? "{\"expression\": \"name = \\\"x\\\"\"}" : "{}");
        return mvc.perform(builder.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).andReturn();
    }

    /** Every row of every table that holds the client's data, read past row-level security. */
    private String snapshot() {
        return ClientRows.snapshot(scope, jdbc, client.client().id());
    }
}
