package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.segment.Segments;
import org.optline.test.ApiRoutes;
import org.optline.test.ApiRoutes.Route;
import org.optline.test.ClientRows;
import org.optline.test.Fixtures;
import org.optline.test.ObjectsOfEveryKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The tenant-isolation harness (STANDARDS 7.50). It reads every {@code /api/v1} route that takes
 * an id from Spring MVC's own request mappings, so routes added by later modules are covered
 * without registering them. Each is called with client A's key on client B's object and must
 * answer 404 with the same body as for an id that does not exist, and leave every row of client B
 * exactly as it was.
 *
 * <p>A new resource needs one line in {@link #objectsOfClientB()}: the id of an object of that kind
 * owned by client B. A route whose resource has no entry fails the test, so none can slip by.
 */
abstract class TenantIsolationContract {


    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Subscribers subscribers;
    @Autowired Outbox outbox;
    @Autowired Segments segments;
    @Autowired Campaigns campaigns;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    CreatedClient a;
    CreatedClient b;

    @BeforeEach
    void twoClients() {
        a = Fixtures.client(clients, "Tenant A");
        b = Fixtures.client(clients, "Tenant B");
    }

    /** For each API resource (the path segment before the first id), an object of it that client B owns. */
    Map<String, String> objectsOfClientB() {
        return ObjectsOfEveryKind.create(context, b, "b-client").ids();
    }

    /** A request body that is valid enough to reach the object lookup, for routes that take one. */
    String bodyFor(String method, String pattern) {
        return pattern.startsWith("/api/v1/segments/") ? "{\"expression\": \"name = \\\"x\\\"\"}" : "{}";
    }

    @Test
    void everyApiRouteWithAnIdAnswers404ForAnotherClientsObjectAndChangesNothing() throws Exception {
        List<Route> routes = routesWithIds();
        assertThat(routes).as("routes with ids under /api/v1").isNotEmpty();
        Map<String, String> ids = objectsOfClientB();
        String snapshot = snapshotOf(b.client().id());
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            String resource = route.resource();
            if (!ids.containsKey(resource)) {
                failures.add(route + ": no object of client B for resource '" + resource
                        + "'; add one to ObjectsOfEveryKind");
                continue;
            }
            MvcResult other = call(route, ids.get(resource), a.adminApiKey().secret());
            MvcResult missing = call(route, UUID.randomUUID().toString(), a.adminApiKey().secret());
            int status = other.getResponse().getStatus();
            // A resource forbidden to clients answers 403; a real id and a random one must still answer alike.
            int expected = ApiRoutes.FORBIDDEN_TO_CLIENTS.contains(resource) ? 403 : 404;
            if (status != expected) {
                failures.add(route + " with another client's id answered " + status + ": "
                        + other.getResponse().getContentAsString());
            } else if (missing.getResponse().getStatus() != expected
                    || !withoutInstance(other).equals(withoutInstance(missing))) {
                failures.add(route + " answers another client's id differently from a missing one: "
                        + other.getResponse().getContentAsString() + " vs " + missing.getResponse().getContentAsString());
            }
            String after = snapshotOf(b.client().id());
            if (!after.equals(snapshot)) {
                failures.add(route + " changed client B's data");
                snapshot = after;
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /**
     * The same walk through the UI, logged in as client A's admin: every page route with an id in
     * its path, and every page route taking an id as a request parameter ({@code ?listId=}), is
     * called with client B's object and with a random id, by GET or by POST with a CSRF token.
     * Client B's id must answer 404 (403 on operator pages, which a client's user never reaches)
     * exactly as the random one does, and leave B's rows as they were.
     */
    @Test
    void everyUiRouteWithAnIdAnswers404ForAnotherClientsObjectAndChangesNothing() throws Exception {
        List<UiRoute> routes = uiRoutesWithIds();
        assertThat(routes).extracting(UiRoute::toString).contains("GET /campaigns/{id}", "POST /audience/subscribers/{id}/erase",
                "POST /settings/api-keys/{id}/revoke", "GET /outbox/{id}", "GET /audience/export.csv?listId");
        MockHttpSession session = logIn(a);
        Map<String, String> ids = objectsOfClientB();
        String snapshot = snapshotOf(b.client().id());
        List<String> failures = new ArrayList<>();
        for (UiRoute route : routes) {
            String resource = route.resource();
            if (!ids.containsKey(resource)) {
                failures.add(route + ": no object of client B for resource '" + resource
                        + "'; add one to ObjectsOfEveryKind");
                continue;
            }
            MvcResult other;
            MvcResult missing;
            try {
                other = call(route, ids.get(resource), session);
                missing = call(route, UUID.randomUUID().toString(), session);
            } catch (ServletException e) {
                failures.add(route + " failed with " + e.getCause());
                continue;
            }
            int expected = route.pattern().startsWith("/operator") ? 403 : 404;
            if (route.parameter() != null) {
                // An id in a query filters or preselects: B's must answer exactly as an unknown one.
                if (other.getResponse().getStatus() != missing.getResponse().getStatus()
                        || !Objects.equals(other.getResponse().getRedirectedUrl(), missing.getResponse().getRedirectedUrl())
                        || !withoutCsrf(other).equals(withoutCsrf(missing))
                        || other.getResponse().getStatus() >= 500) {
                    failures.add(route + " answers another client's id (" + other.getResponse().getStatus()
                            + ") differently from a missing one (" + missing.getResponse().getStatus() + ")");
                }
            } else if (other.getResponse().getStatus() != expected) {
                failures.add(route + " with another client's id answered " + other.getResponse().getStatus()
                        + (other.getResponse().getRedirectedUrl() != null ? " to " + other.getResponse().getRedirectedUrl() : ""));
            } else if (missing.getResponse().getStatus() != expected
                    || !withoutCsrf(other).equals(withoutCsrf(missing))) {
                failures.add(route + " answers another client's id differently from a missing one");
            }
            String after = snapshotOf(b.client().id());
            if (!after.equals(snapshot)) {
                failures.add(route + " changed client B's data");
                snapshot = after;
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /**
     * What the pages' forms post, valid enough to get past each handler's own checks to the object
     * lookup: a harness that sends empty forms would only test the validation messages.
     */
    private static final Map<String, String> UI_FORM = Map.ofEntries(Map.entry("name", "Harness"),
            Map.entry("optIn", "single"), Map.entry("description", "d"), Map.entry("enabled", "true"),
            Map.entry("title", "Join"), Map.entry("intro", "News"), Map.entry("consentText", "Yes, send me news"),
            Map.entry("confirm", "erase"), Map.entry("reason", "harness"), Map.entry("email", "someone@harness.test"),
            Map.entry("subject", "Hello"), Map.entry("fromName", "Harness"), Map.entry("fromEmail", "news@harness.test"),
            Map.entry("html", "<p>Hi</p>"), Map.entry("emails", "someone@harness.test"), Map.entry("action", "cancel"),
            Map.entry("expression", "name = \"x\""), Map.entry("status", "suspended"), Map.entry("role", "analyst"));

    /** Request parameters whose name does not say their resource. */
    private static final Map<String, String> PARAMETER_RESOURCES = Map.of("as", "subscribers");

    private MockHttpSession logIn(CreatedClient client) throws Exception {
        return (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    private MvcResult call(UiRoute route, String id, MockHttpSession session) throws Exception {
        String uri = ApiRoutes.VARIABLE.matcher(route.pattern()).replaceAll(id);
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(route.method()), uri).session(session);
        if (route.parameter() != null) {
            request.param(route.parameter(), id);
        }
        if (!route.method().equals("GET")) {
            request.with(SecurityMockMvcRequestPostProcessors.csrf());
            UI_FORM.forEach(request::param);
        }
        return mvc.perform(request).andReturn();
    }

    /** UI routes (not the API, the public token pages or the actuator) that take an id in the path or a query. */
    List<UiRoute> uiRoutesWithIds() {
        Set<UiRoute> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            List<String> idParameters = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null && parameter.getParameterType() == UUID.class) {
                    idParameters.add(!param.name().isEmpty() ? param.name()
                            : !param.value().isEmpty() ? param.value() : parameter.getParameterName());
                }
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                // Public token routes (subscription pages, tracking, export links) take no id of a client's object.
                // The site's policy versions are public pages numbered for everyone, no client's object.
                if (pattern.startsWith("/api/") || pattern.startsWith("/s/") || pattern.startsWith("/t/")
                        || pattern.startsWith("/privacy/") || pattern.startsWith("/termination-exports/") || pattern.startsWith("/actuator") || pattern.equals("/error")) {
                    continue;
                }
                for (String method : methods.isEmpty() ? List.of("GET") : methods.stream().map(Enum::name).toList()) {
                    if (pattern.contains("{")) {
                        routes.add(new UiRoute(method, pattern, null));
                    }
                    idParameters.forEach(name -> routes.add(new UiRoute(method, pattern, name)));
                }
            }
        });
        return List.copyOf(routes);
    }

    /** One method on one UI path pattern; {@code parameter} names a request parameter that takes the id instead. */
    record UiRoute(String method, String pattern, String parameter) implements Comparable<UiRoute> {
        String resource() {
            if (parameter != null) {
                return PARAMETER_RESOURCES.getOrDefault(parameter, parameter.replaceAll("Id$", "") + "s");
            }
            return new Route(method, pattern, null).resource();
        }

        @Override
        public int compareTo(UiRoute o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + pattern + (parameter == null ? "" : "?" + parameter);
        }
    }

    @Test
    void everyApiRouteNeedsAKey() throws Exception {
        // Operator-only routes without an id are walked here (and by the suspension and input harnesses) too.
        assertThat(allApiRoutes()).extracting(Route::toString).contains("POST /api/v1/clients", "POST /api/v1/inbound/raw");
        for (Route route : allApiRoutes()) {
            MvcResult result = mvc.perform(request(HttpMethod.valueOf(route.method()),
                            route.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()))
                            .contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andReturn();
            assertThat(result.getResponse().getStatus()).as(route.toString()).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).as(route.toString()).startsWith("application/problem+json");
        }
    }

    @Test
    void theHarnessFindsThePlatformsOwnRoutes() {
        assertThat(routesWithIds()).extracting(Route::toString)
                .contains("GET /api/v1/clients/{id}", "DELETE /api/v1/api-keys/{id}", "POST /api/v1/users/{id}/disable");
    }

    private MvcResult call(Route route, String id, String key) throws Exception {
        String uri = ApiRoutes.VARIABLE.matcher(route.pattern()).replaceAll(id);
        return mvc.perform(request(HttpMethod.valueOf(route.method()), uri)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bodyFor(route.method(), route.pattern())))
                .andReturn();
    }

    /** A page's text without its CSRF tokens, which differ on every response. */
    private static String withoutCsrf(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString().replaceAll("(name=\"_csrf\"[^>]*value=|name=\"_csrf\"[^>]*content=)\"[^\"]*\"", "$1");
    }

    private static String withoutInstance(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString().replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    /** Every row of every table that holds client B's data, as text, read past row-level security. */
    private String snapshotOf(UUID clientId) {
        return ClientRows.snapshot(scope, jdbc, clientId);
    }

    List<Route> routesWithIds() {
        return allApiRoutes().stream().filter(r -> r.pattern().contains("{")).toList();
    }

    List<Route> allApiRoutes() {
        return ApiRoutes.of(mappings);
    }
}
