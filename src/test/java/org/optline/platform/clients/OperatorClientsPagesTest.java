package org.optline.platform.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The operator's client pages: the time zone is picked from the zones grouped by region, the
 * current one chosen; the postal address is changed with its lines kept; a refused change is told
 * in a sentence with the form as typed and the stored client untouched.
 */
@OptlineTest
class OperatorClientsPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;

    private MockHttpSession operator() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(Fixtures.OPERATOR_EMAIL)
                .password(Fixtures.OPERATOR_PASSWORD)).andReturn().getRequest().getSession(false);
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void initCreateOffersTheZonesGroupedByRegionWithUtcChosen() throws Exception {
        String form = page(operator(), "/operator/clients/new");
        assertThat(form).contains("<select name=\"timeZone\" id=\"timeZone\">")
                .contains("<option value=\"UTC\" selected=\"selected\">UTC</option>")
                .contains("<optgroup label=\"Europe\">").contains("<option value=\"Europe/Berlin\">Europe/Berlin</option>")
                .contains("<optgroup label=\"America\">").doesNotContain("placeholder=\"e.g. Europe/Berlin\"");
    }

    @Test
    void processCreateWithAnUnknownZoneKeepsEverythingTyped() throws Exception {
        String page = mvc.perform(post("/operator/clients").session(operator()).with(csrf()).param("name", "Zone Typo")
                        .param("postalAddress", "Zone Typo\n1 Main Street").param("adminEmail", "admin@zone-typo.test")
                        .param("timeZone", "Europe/Atlantis"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Time zone must be one of the listed time zones, such as Europe/Berlin or America/New_York.")
                .contains("value=\"Zone Typo\"").contains(">Zone Typo\n1 Main Street</textarea>")
                .contains("<option value=\"Europe/Atlantis\" selected>Europe/Atlantis</option>");
    }

    @Test
    void showHasTheDetailsFormWithTheCurrentZoneChosen() throws Exception {
        var c = Fixtures.client(clients, "Zone Shown");
        String page = page(operator(), "/operator/clients/" + c.client().id());
        assertThat(page).contains("action=\"/operator/clients/" + c.client().id() + "/details\"")
                .contains(">1 Main Street, Springfield</textarea>")
                .contains("<option value=\"UTC\" selected=\"selected\">UTC</option>");
    }

    @Test
    void processDetailsSavesTheAddressLinesAndTheZone() throws Exception {
        var c = Fixtures.client(clients, "Address Lines");
        MockHttpSession session = operator();
        var flash = mvc.perform(post("/operator/clients/" + c.client().id() + "/details").session(session).with(csrf())
                        .param("postalAddress", "Address Lines Ltd\r\n2 Harbour Road\r\nBristol BS1 4RN\r\n")
                        .param("timeZone", "Europe/London"))
                .andExpect(redirectedUrl("/operator/clients/" + c.client().id())).andReturn().getFlashMap();
        assertThat((String) flash.get("notice")).contains("saved");
        var stored = clients.get(Fixtures.operator(), c.client().id());
        assertThat(stored.postalAddress()).isEqualTo("Address Lines Ltd\n2 Harbour Road\nBristol BS1 4RN");
        assertThat(stored.timeZone()).isEqualTo("Europe/London");
        assertThat(page(session, "/operator/clients/" + c.client().id()))
                .contains(">Address Lines Ltd\n2 Harbour Road\nBristol BS1 4RN</pre>")
                .contains("<option value=\"Europe/London\" selected=\"selected\">Europe/London</option>");
    }

    @Test
    void processDetailsRefusedTellsWhyKeepsTheFormAndLosesNothingStored() throws Exception {
        var c = Fixtures.client(clients, "Address Kept");
        String page = mvc.perform(post("/operator/clients/" + c.client().id() + "/details").session(operator()).with(csrf())
                        .param("postalAddress", "3 New Street\nNewtown").param("timeZone", "Mars/Olympus"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Time zone must be one of the listed time zones, such as Europe/Berlin or America/New_York.")
                .contains(">3 New Street\nNewtown</textarea>").contains("<details id=\"edit-details\" open");
        assertThat(clients.get(Fixtures.operator(), c.client().id())).isEqualTo(c.client());

        String blank = mvc.perform(post("/operator/clients/" + c.client().id() + "/details").session(operator()).with(csrf())
                .param("postalAddress", "  ").param("timeZone", "UTC")).andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("Postal address is required.");
        assertThat(clients.get(Fixtures.operator(), c.client().id())).isEqualTo(c.client());
    }

    @Test
    void anUnknownClientIsNotFoundAndAClientAdminIsTurnedAway() throws Exception {
        mvc.perform(post("/operator/clients/" + UUID.randomUUID() + "/details").session(operator()).with(csrf())
                .param("postalAddress", "1 Nowhere").param("timeZone", "UTC")).andExpect(status().isNotFound());
        var c = Fixtures.client(clients, "Address Own");
        MockHttpSession admin = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(c.admin().email())
                .password(c.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        // The security chain keeps client logins out of /operator/** before any controller runs.
        mvc.perform(post("/operator/clients/" + c.client().id() + "/details").session(admin).with(csrf())
                .param("postalAddress", "1 Elsewhere").param("timeZone", "UTC")).andExpect(status().isForbidden());
        assertThat(clients.get(Fixtures.operator(), c.client().id())).isEqualTo(c.client());
    }
}
