package org.optline.delivery;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Sending domains: a DKIM key and the DNS records to publish, per client. */
@OptlineTest
class DomainsApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;

    @Test
    void aDomainGetsADkimKeyAndItsDnsRecords() throws Exception {
        String key = Fixtures.client(clients, "Domains").adminApiKey().secret();
        String id = JsonPath.read(mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"Mail.Shoehaus.DE\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.domain").value("mail.shoehaus.de"))
                .andExpect(jsonPath("$.status").value("unverified"))
                .andExpect(jsonPath("$.records[0].name", startsWith("opl")))
                .andExpect(jsonPath("$.records[0].value", startsWith("v=DKIM1; k=rsa; p=MIIBIjAN")))
                .andExpect(jsonPath("$.records[2].name").value("_dmarc.mail.shoehaus.de"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(get("/api/v1/domains/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(status().isOk()).andExpect(jsonPath("$.selector", startsWith("opl")));
        mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"mail.shoehaus.de\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/v1/domains").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"domain\": \"not a domain\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("domain"));
    }
}
