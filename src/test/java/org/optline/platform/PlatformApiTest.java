package org.optline.platform;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The platform's HTTP API: clients, users, API keys, audit log, and its problem JSON. */
@OptlineTest
class PlatformApiTest {

    @Autowired MockMvc mvc;

    private static MockHttpServletRequestBuilder as(String key, MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON);
    }

    private String createClient(String name) throws Exception {
        return mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients")).content("""
                        {"name": "%s", "postalAddress": "1 Main Street, Springfield", "adminEmail": "admin@%s.test"}
                        """.formatted(name, name.toLowerCase())))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void operatorCreatesAClientAndGetsItsFirstAdminKeyOnce() throws Exception {
        String created = createClient("Acme");
        String id = JsonPath.read(created, "$.id");
        String key = JsonPath.read(created, "$.adminApiKey");
        mvc.perform(as(Fixtures.OPERATOR_KEY, get("/api/v1/clients/" + id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.postalAddress").value("1 Main Street, Springfield"))
                .andExpect(jsonPath("$.adminApiKey").doesNotExist());
        mvc.perform(as(key, get("/api/v1/api-keys")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].prefix").value(key.substring(0, 12)))
                .andExpect(jsonPath("$.items[0].key").doesNotExist())
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @Test
    void badInputIsAProblemWithFieldErrors() throws Exception {
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients")).content("""
                        {"name": "No address", "adminEmail": "a@b.test"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[0].field").value("postalAddress"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients")).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(as(Fixtures.OPERATOR_KEY, get("/api/v1/clients/not-a-uuid")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, get("/api/v1/clients?limit=1000")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void aClientHasATimeZoneAndABadOneIsRefused() throws Exception {
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients")).content("""
                        {"name": "Zoned", "postalAddress": "1 Street", "adminEmail": "a@zoned.test", "timeZone": "America/New_York"}"""))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.timeZone").value("America/New_York"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients")).content("""
                        {"name": "Zoned2", "postalAddress": "1 Street", "adminEmail": "b@zoned.test", "timeZone": "Mars/Olympus"}"""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("timeZone"));
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() throws Exception {
        mvc.perform(as(Fixtures.OPERATOR_KEY, get("/api/v1/no-such-thing")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, delete("/api/v1/clients")))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void missingWrongAndRevokedKeysAre401() throws Exception {
        mvc.perform(get("/api/v1/api-keys"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(startsWith("Send an API key")));
        mvc.perform(as("opl_wrongwrongwrongwrongwrongwrongwrongwrong", get("/api/v1/api-keys")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(startsWith("The API key is not valid")));

        String created = createClient("Revoker");
        String adminKey = JsonPath.read(created, "$.adminApiKey");
        String extra = mvc.perform(as(adminKey, post("/api/v1/api-keys")).content("""
                        {"name": "CRM sync", "role": "marketer"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.key").value(startsWith("opl_")))
                .andReturn().getResponse().getContentAsString();
        String extraKey = JsonPath.read(extra, "$.key");
        String extraId = JsonPath.read(extra, "$.id");
        mvc.perform(as(extraKey, get("/api/v1/users"))).andExpect(status().isOk());
        mvc.perform(as(adminKey, delete("/api/v1/api-keys/" + extraId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedAt").value(notNullValue()));
        mvc.perform(as(extraKey, get("/api/v1/users"))).andExpect(status().isUnauthorized());
    }

    @Test
    void operatorRoutesDoNotExistForClientKeys() throws Exception {
        String created = createClient("Curious");
        String key = JsonPath.read(created, "$.adminApiKey");
        String id = JsonPath.read(created, "$.id");
        mvc.perform(as(key, get("/api/v1/clients"))).andExpect(status().isNotFound());
        mvc.perform(as(key, get("/api/v1/clients/" + id))).andExpect(status().isNotFound());
        mvc.perform(as(key, get("/api/v1/audit-log"))).andExpect(status().isNotFound());
        mvc.perform(as(key, post("/api/v1/clients")).content("{}")).andExpect(status().isNotFound());
    }

    @Test
    void rolesBelowAdminCannotManageKeysOrUsers() throws Exception {
        String created = createClient("Roles");
        String adminKey = JsonPath.read(created, "$.adminApiKey");
        String analyst = JsonPath.read(mvc.perform(as(adminKey, post("/api/v1/api-keys")).content("""
                        {"name": "Reports", "role": "analyst"}"""))
                .andReturn().getResponse().getContentAsString(), "$.key");
        mvc.perform(as(analyst, post("/api/v1/api-keys")).content("{\"name\": \"sneaky\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(as(adminKey, post("/api/v1/api-keys")).content("{\"name\": \"x\", \"role\": \"operator\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(as(adminKey, post("/api/v1/api-keys")).content("{\"name\": \"x\", \"role\": \"superuser\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void clientAdminsAddUsersWithThePasswordRules() throws Exception {
        String adminKey = JsonPath.read(createClient("Staffing"), "$.adminApiKey");
        mvc.perform(as(adminKey, post("/api/v1/users")).content("""
                        {"email": "m@staffing.test", "password": "password1234", "role": "marketer"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        mvc.perform(as(adminKey, post("/api/v1/users")).content("""
                        {"email": "m@staffing.test", "password": "short", "role": "marketer"}"""))
                .andExpect(status().isBadRequest());
        String user = mvc.perform(as(adminKey, post("/api/v1/users")).content("""
                        {"email": "M@Staffing.test", "password": "a much better pass phrase", "role": "marketer"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("m@staffing.test"))
                .andExpect(jsonPath("$.role").value("marketer"))
                .andExpect(jsonPath("$.password").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(as(adminKey, post("/api/v1/users")).content("""
                        {"email": "m@staffing.test", "password": "another fine pass phrase", "role": "analyst"}"""))
                .andExpect(status().isConflict());
        String userId = JsonPath.read(user, "$.id");
        mvc.perform(as(adminKey, post("/api/v1/users/" + userId + "/disable")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
    }

    @Test
    void suspendAndReinstateAreAuditedStandingChanges() throws Exception {
        String id = JsonPath.read(createClient("Standing"), "$.id");
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients/" + id + "/suspend")).content("""
                        {"reason": "complaint rate 0.4%"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("suspended"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, post("/api/v1/clients/" + id + "/reinstate")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("active"));
        mvc.perform(as(Fixtures.OPERATOR_KEY, get("/api/v1/audit-log?limit=20")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].action", hasItem("client.suspended")))
                .andExpect(jsonPath("$.items[*].action", hasItem("client.active")))
                .andExpect(jsonPath("$.items[*].detail", hasItem("complaint rate 0.4%")));
    }
}
