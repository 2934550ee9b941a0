package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
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

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired org.optline.audience.Imports imports;
    @Autowired org.optline.delivery.Outbox outbox;
    @Autowired org.optline.segment.Segments segments;
    @Autowired org.optline.campaign.Campaigns campaigns;
    @Autowired org.optline.delivery.SendingDomains domains;
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
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("clients", b.client().id().toString());
        ids.put("users", b.admin().id().toString());
        ids.put("api-keys", b.adminApiKey().key().id().toString());
        var bAdmin = Fixtures.admin(b);
        var list = lists.create(bAdmin, new Lists.ListInput("B's list", null, "single"));
        ids.put("lists", list.id().toString());
        ids.put("subscribers", subscribers.save(bAdmin, new SubscriberInput("person@b-client.test", "B Person",
                java.util.Map.of(), List.of(list.id()), null), false).subscriber().id().toString());
        ids.put("imports", imports.upload(bAdmin, list.id(), "b.csv", new java.io.ByteArrayInputStream(
                "email\nsomeone@b-client.test\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))).id().toString());
        var template = campaigns.createTemplate(bAdmin, "B layout", "<html><body>{{content}}</body></html>");
        ids.put("templates", template.id().toString());
        ids.put("campaigns", campaigns.create(bAdmin, new org.optline.campaign.Campaigns.CampaignInput("B news", "Hello",
                null, "B", "news@b-client.de", null, "<p>Hi</p>", null, template.id(), null, List.of(list.id()))).id().toString());
        ids.put("domains", domains.add(bAdmin, Fixtures.domain("b-client.de")).id().toString());
        ids.put("segments", segments.create(bAdmin, "B's segment", "name = \"B Person\"").id().toString());
        outbox.send(new org.optline.platform.TransactionalMail.Message(b.client().id(), "test", "B", "person@b-client.test",
                "Hello", "Text", null));
        ids.put("outbox", outbox.page(bAdmin, null, 1).items().get(0).id().toString());
        return ids;
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
                        + "'; add one to TenantIsolationContract.objectsOfClientB()");
                continue;
            }
            MvcResult other = call(route, ids.get(resource), a.adminApiKey().secret());
            MvcResult missing = call(route, UUID.randomUUID().toString(), a.adminApiKey().secret());
            int status = other.getResponse().getStatus();
            if (status != 404) {
                failures.add(route + " with another client's id answered " + status + ": "
                        + other.getResponse().getContentAsString());
            } else if (missing.getResponse().getStatus() != 404
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

    @Test
    void everyApiRouteNeedsAKey() throws Exception {
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
        String uri = VARIABLE.matcher(route.pattern()).replaceAll(id);
        return mvc.perform(request(HttpMethod.valueOf(route.method()), uri)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bodyFor(route.method(), route.pattern())))
                .andReturn();
    }

    private static String withoutInstance(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString().replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    /** Every row of every table that holds client B's data, as text, read past row-level security. */
    private String snapshotOf(UUID clientId) {
        return scope.asPlatform(() -> {
            List<String> tables = jdbc.sql("select table_name from information_schema.columns "
                            + "where lower(column_name) = 'client_id' and lower(table_schema) in ('public') order by table_name")
                    .query(String.class).list();
            StringBuilder out = new StringBuilder();
            out.append(jdbc.sql("select * from clients where id = :id").param("id", clientId)
                    .query((rs, n) -> row(rs)).list());
            for (String table : new TreeSet<>(tables)) {
                out.append('\n').append(table).append(':').append(jdbc.sql("select * from " + table
                                + " where client_id = :id order by 1").param("id", clientId)
                        .query((rs, n) -> row(rs)).list());
            }
            return out.toString();
        });
    }

    private static String row(java.sql.ResultSet rs) throws java.sql.SQLException {
        StringBuilder row = new StringBuilder("(");
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.append(rs.getString(i)).append(',');
        }
        return row.append(')').toString();
    }

    List<Route> routesWithIds() {
        return allApiRoutes().stream().filter(r -> r.pattern().contains("{")).toList();
    }

    List<Route> allApiRoutes() {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", pattern));
                }
                methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
            }
        }
        return List.copyOf(routes);
    }

    /** One method on one path pattern. */
    record Route(String method, String pattern) implements Comparable<Route> {
        String resource() {
            Matcher m = VARIABLE.matcher(pattern);
            String head = m.find() ? pattern.substring(0, m.start()) : pattern;
            String[] parts = head.split("/");
            return parts[parts.length - 1];
        }

        @Override
        public int compareTo(Route o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
