package org.optline.delivery.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.campaign.SenderDomains;
import org.optline.delivery.SendingDomain;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.ForbiddenException;
import org.optline.platform.Role;
import org.optline.test.Dnsmasq;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Verifying a sending domain against a real DNS server (dnsmasq on a loopback port): a DKIM record
 * carrying our key verifies it, a missing one or one with another key does not, SPF and DMARC are
 * reported, answers are cached, and a resolver that does not answer proves nothing.
 */
@ExtendWith(Dnsmasq.Available.class)
abstract class DnsDomainChecksContract {

    static final int PORT;

    static {
        try {
            PORT = Dnsmasq.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dns(DynamicPropertyRegistry registry) {
        registry.add("optline.delivery.dns.servers", () -> "127.0.0.1:" + PORT);
        registry.add("optline.delivery.dns.timeout", () -> "1s");
    }

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired SendingDomains domains;
    @Autowired SenderDomains senderDomains;

    private static String dkimValue(SendingDomain d) {
        return d.records().stream().filter(r -> r.purpose().equals("DKIM")).findFirst().orElseThrow().value();
    }

    private static String dkimName(SendingDomain d) {
        return d.selector() + "._domainkey." + d.domain();
    }

    @Test
    void aPublishedDkimRecordVerifiesTheDomainAndSpfAndDmarcAreReported() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Dns Published");
        String key = client.adminApiKey().secret();
        SendingDomain d = domains.add(Fixtures.admin(client), Fixtures.domain("published.test"));
        assertThat(senderDomains.standing(client.client().id(), d.domain())).isEqualTo(SenderDomains.Standing.UNVERIFIED_CAPTURED);
        assertThat(dkimValue(d).length()).as("a DKIM record longer than one TXT string").isGreaterThan(255);
        try (Dnsmasq dns = new Dnsmasq(PORT, Map.of(dkimName(d), List.of(dkimValue(d)), d.domain(), List.of("v=spf1 mx ~all"),
                "_dmarc." + d.domain(), List.of("v=DMARC1; p=none")))) {
            mvc.perform(post("/api/v1/domains/" + d.id() + "/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("verified"))
                    .andExpect(jsonPath("$.verifiedAt").isNotEmpty())
                    .andExpect(jsonPath("$.checks.dkim").value("published"))
                    .andExpect(jsonPath("$.checks.spf").value("published"))
                    .andExpect(jsonPath("$.checks.dmarc").value("published"))
                    .andExpect(jsonPath("$.checks.checkedAt").isNotEmpty());
        }
        mvc.perform(get("/api/v1/domains/" + d.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
                .andExpect(jsonPath("$.status").value("verified")).andExpect(jsonPath("$.checks.dkim").value("published"));
        assertThat(senderDomains.standing(client.client().id(), d.domain())).isEqualTo(SenderDomains.Standing.VERIFIED);
    }

    @Test
    void aMissingRecordOrOneWithAnotherKeyLeavesTheDomainUnverified() throws Exception {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Dns Missing"));
        SendingDomain missing = domains.add(admin, Fixtures.domain("missing.test"));
        SendingDomain different = domains.add(admin, Fixtures.domain("different.test"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        try (Dnsmasq dns = new Dnsmasq(PORT, Map.of(dkimName(different), List.of("v=DKIM1; k=rsa; p=" + otherKey),
                "_dmarc." + missing.domain(), List.of("v=DMARC1; p=reject")))) {
            SendingDomain m = domains.verify(admin, missing.id());
            assertThat(m.status()).isEqualTo("unverified");
            assertThat(m.verifiedAt()).isNull();
            assertThat(m.checks().dkim()).isEqualTo("missing");
            assertThat(m.checks().spf()).isEqualTo("missing");
            assertThat(m.checks().dmarc()).isEqualTo("published");
            SendingDomain o = domains.verify(admin, different.id());
            assertThat(o.status()).isEqualTo("unverified");
            assertThat(o.checks().dkim()).isEqualTo("different");
        }
    }

    @Test
    void theSendingDomainsPageChecksADomainAndShowsWhatItFound() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Dns Page");
        SendingDomain d = domains.add(Fixtures.admin(client), Fixtures.domain("page.test"));
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        assertThat(mvc.perform(get("/sending/domains").session(session)).andReturn().getResponse().getContentAsString())
                .contains("id=\"verify-" + d.domain() + "\"").contains("unverified");
        try (Dnsmasq dns = new Dnsmasq(PORT, Map.of(dkimName(d), List.of(dkimValue(d))))) {
            var flash = mvc.perform(post("/sending/domains/" + d.id() + "/verify").session(session).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
            assertThat((String) flash.get("notice")).contains("verified").contains("SPF missing, DMARC missing");
        }
        assertThat(mvc.perform(get("/sending/domains").session(session)).andReturn().getResponse().getContentAsString())
                .contains(">verified<").contains("DKIM published, SPF missing, DMARC missing");
        // Checked again from the domain's own page (the DKIM answer is cached; the server is gone), the result comes back there.
        var again = mvc.perform(post("/sending/domains/" + d.id() + "/verify").session(session).with(csrf()).param("back", "domain"))
                .andExpect(redirectedUrl("/sending/domains/" + d.id())).andReturn().getFlashMap();
        assertThat((String) again.get("notice")).contains("verified");
        assertThat(mvc.perform(get("/sending/domains/" + d.id()).session(session).flashAttrs(again)).andReturn().getResponse()
                .getContentAsString()).contains("id=\"domain-notice\"").contains(">verified<")
                .contains("Last checked").contains(": DKIM published,");
    }

    @Test
    void answersAreCachedAndAResolverThatDoesNotAnswerProvesNothing() throws Exception {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Dns Cached"));
        SendingDomain cached = domains.add(admin, Fixtures.domain("cached.test"));
        SendingDomain unasked = domains.add(admin, Fixtures.domain("unasked.test"));
        try (Dnsmasq dns = new Dnsmasq(PORT, Map.of(dkimName(cached), List.of(dkimValue(cached))))) {
            assertThat(domains.verify(admin, cached.id()).status()).isEqualTo("verified");
        }
        // The server is gone: the record looked up a moment ago is still known, the other is not.
        SendingDomain again = domains.verify(admin, cached.id());
        assertThat(again.status()).isEqualTo("verified");
        assertThat(again.checks().dkim()).isEqualTo("published");
        SendingDomain noAnswer = domains.verify(admin, unasked.id());
        assertThat(noAnswer.status()).isEqualTo("unverified");
        assertThat(noAnswer.checks().dkim()).isEqualTo("unanswered");
    }

    @Test
    void anAnalystCannotRunACheck() {
        CreatedClient client = Fixtures.client(clients, "Dns Roles");
        SendingDomain d = domains.add(Fixtures.admin(client), Fixtures.domain("roles.test"));
        assertThatThrownBy(() -> domains.verify(Fixtures.withRole(client, Role.ANALYST), d.id()))
                .isInstanceOf(ForbiddenException.class);
    }
}
