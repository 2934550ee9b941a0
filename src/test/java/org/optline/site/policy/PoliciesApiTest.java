package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.site.PrivacyPolicies;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/policies}: an operator key publishes (201) and reads versions a page at a time;
 * a client's key is refused with 403 problem JSON on every route; bad input is 400 naming each
 * field; an unknown version is 404.
 */
@OptlineTest
class PoliciesApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired PrivacyPolicies policies;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOperatorKeyPublishesAVersion() throws Exception {
        int next = policies.current().version() + 1;
        MvcResult created = call(post("/api/v1/policies"), Fixtures.OPERATOR_KEY,
                "{\"text\": \"# Privacy policy\\n\\nPublished through the API " + System.nanoTime() + ".\", \"material\": true,"
                        + " \"summary\": \"Shorter retention\"}");
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        JsonNode body = json.readTree(created.getResponse().getContentAsString());
        assertThat(body.get("version").asInt()).isEqualTo(next);
        assertThat(body.get("material").asBoolean()).isTrue();
        assertThat(body.get("summary").asString()).isEqualTo("Shorter retention");
        assertThat(body.get("id").asString()).isEqualTo(policies.version(next).orElseThrow().id().toString());
        assertThat(body.get("publishedAt").asString()).endsWith("Z");
        assertThat(body.has("text")).isFalse();

        JsonNode one = json.readTree(call(get("/api/v1/policies/" + next), Fixtures.OPERATOR_KEY, null).getResponse().getContentAsString());
        assertThat(one.get("text").asString()).startsWith("# Privacy policy\n\nPublished through the API");
        assertThat(one.get("version").asInt()).isEqualTo(next);
    }

    @Test
    void aSummaryMayBeLeftOutButMaterialMustBeStated() throws Exception {
        MvcResult created = call(post("/api/v1/policies"), Fixtures.OPERATOR_KEY,
                "{\"text\": \"Plain policy " + System.nanoTime() + "\", \"material\": false}");
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        assertThat(json.readTree(created.getResponse().getContentAsString()).get("summary").isNull()).isTrue();

        MvcResult refused = call(post("/api/v1/policies"), Fixtures.OPERATOR_KEY, "{\"text\": \"\", \"summary\": \"a\\nb\"}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(refused.getResponse().getContentAsString());
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("text", "material", "summary");
        assertThat(problem.get("detail").asString()).isEqualTo("text is required");
    }

    @Test
    void aClientKeyIsRefusedWith403OnEveryRoute() throws Exception {
        String key = Fixtures.client(clients, "Policy API client").adminApiKey().secret();
        int before = policies.current().version();
        for (MvcResult result : new MvcResult[] {
                call(post("/api/v1/policies"), key, "{\"text\": \"# Ours now\", \"material\": false}"),
                call(get("/api/v1/policies"), key, null),
                call(get("/api/v1/policies/1"), key, null),
                call(get("/api/v1/policies/999999"), key, null)}) {
            assertThat(result.getResponse().getStatus()).isEqualTo(403);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .contains("\"title\":\"Forbidden\"", "Only the operator publishes and manages the privacy policy");
        }
        assertThat(policies.current().version()).isEqualTo(before);
        assertThat(call(get("/api/v1/policies"), null, null).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void theListIsPagedNewestFirst() throws Exception {
        policies.publish(Fixtures.operator(), "Paged policy " + System.nanoTime(), false, null);
        int current = policies.current().version();
        JsonNode first = json.readTree(call(get("/api/v1/policies?limit=1"), Fixtures.OPERATOR_KEY, null).getResponse().getContentAsString());
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("version").asInt()).isEqualTo(current);
        String cursor = first.get("nextCursor").asString();
        JsonNode rest = json.readTree(call(get("/api/v1/policies?limit=200&cursor=" + cursor), Fixtures.OPERATOR_KEY, null)
                .getResponse().getContentAsString());
        assertThat(rest.get("items").findValues("version")).extracting(JsonNode::asInt).first().isEqualTo(current - 1);
        assertThat(rest.get("items").findValues("version")).extracting(JsonNode::asInt).last().isEqualTo(1);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(call(get("/api/v1/policies?cursor=abc"), Fixtures.OPERATOR_KEY, null).getResponse().getStatus()).isEqualTo(400);
        assertThat(call(get("/api/v1/policies?limit=0"), Fixtures.OPERATOR_KEY, null).getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void anUnknownVersionIs404() throws Exception {
        for (String version : new String[] {"999999", "0", "abc", "-1", "1.0", "99999999999"}) {
            MvcResult result = call(get("/api/v1/policies/" + version), Fixtures.OPERATOR_KEY, null);
            assertThat(result.getResponse().getStatus()).as(version).isEqualTo(404);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        }
    }

    private MvcResult call(MockHttpServletRequestBuilder request, String key, String body) throws Exception {
        if (key != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request).andReturn();
    }
}
