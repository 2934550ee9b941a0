package org.optline.segment;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code /api/v1/segments}: counts, saved segments, and errors with the column. */
@OptlineTest
class SegmentApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Subscribers subscribers;

    @Test
    void countSaveReadChangeAndDelete() throws Exception {
        var client = Fixtures.client(clients, "Api Segments");
        String key = client.adminApiKey().secret();
        subscribers.save(Fixtures.admin(client), new SubscriberInput("a@shoe.de", "Ann", Map.of(), List.of(), null), false);
        subscribers.save(Fixtures.admin(client), new SubscriberInput("b@hat.de", "Bob", Map.of(), List.of(), null), false);
        mvc.perform(as(key, post("/api/v1/segments/count"), "{\"expression\": \"domain = \\\"shoe.de\\\"\", \"sample\": 5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.sample[0].email").value("a@shoe.de"));
        mvc.perform(as(key, post("/api/v1/segments/count"), "{\"expression\": \"name ~ 1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("expression"))
                .andExpect(jsonPath("$.errors[0].message").value("at column 6: unexpected character '~'"));
        String id = JsonPath.read(mvc.perform(as(key, post("/api/v1/segments"), "{\"name\": \"Shoe people\", \"expression\": \"domain = \\\"shoe.de\\\"\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(as(key, get("/api/v1/segments/" + id), "")).andExpect(jsonPath("$.count").value(1));
        mvc.perform(as(key, patch("/api/v1/segments/" + id), "{\"expression\": \"name is set\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.expression").value("name is set"));
        mvc.perform(as(key, get("/api/v1/segments"), "")).andExpect(jsonPath("$.items[0].name").value("Shoe people"));
        mvc.perform(as(key, delete("/api/v1/segments/" + id), "")).andExpect(status().isNoContent());
        mvc.perform(as(key, get("/api/v1/segments/" + id), "")).andExpect(status().isNotFound());
    }

    private static MockHttpServletRequestBuilder as(String key, MockHttpServletRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
