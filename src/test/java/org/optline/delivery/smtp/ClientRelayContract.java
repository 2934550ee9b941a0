package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.optline.campaign.SendState.DEFERRED;
import static org.optline.campaign.SendState.QUEUED;
import static org.optline.campaign.SendState.SENT;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendProgress;
import org.optline.delivery.ClientRelays;
import org.optline.delivery.Outbox;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.Verp;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.ForbiddenException;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A client's own SMTP relay: set, read (never its password), replaced and removed through the
 * API, with clear errors for bad settings; and while it is set, that client's campaigns leave
 * through it while another client's still go to the platform's transport (capture here).
 */
@TestPropertySource(properties = {"optline.delivery.client-relays.allow-internal=true",
        "optline.delivery.retry.pause-when-unreachable=0s"})
abstract class ClientRelayContract {

    static FaultySmtpPeer RELAY;

    @BeforeAll
    static void start() {
        RELAY = new FaultySmtpPeer(); // one per test class: H2 and PostgreSQL run one after the other
    }

    @AfterAll
    static void stop() {
        RELAY.close();
    }

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired Verp verp;
    @Autowired DeliveryWorker worker;
    @Autowired ClientRelays relays;
    @Autowired SendProgress progress;
    @Autowired AuditLog audit;

    private ResultActions call(
            MockHttpServletRequestBuilder request, String key) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON));
    }

    @Test
    void theRelayIsSetReadWithoutItsPasswordAndRemoved() throws Exception {
        String key = Fixtures.client(clients, "Relay Api").adminApiKey().secret();
        call(get("/api/v1/relay"), key).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        call(put("/api/v1/relay").content("{\"host\": \"smtp .bad\", \"port\": 70000, \"tls\": \"sometimes\"}"), key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("host", "port", "tls")));
        call(put("/api/v1/relay").content("{\"host\": \"smtp.relay-api.de\", \"port\": 587, \"tls\": \"starttls\", "
                + "\"username\": \"mailer\", \"password\": \"s3cret relay password\"}"), key)
                .andExpect(status().isOk()).andExpect(jsonPath("$.passwordSet").value(true))
                .andExpect(content().string(Matchers.not(containsString("s3cret"))));
        // The stored password only goes where it was given for: another port needs it again ...
        call(put("/api/v1/relay").content("{\"host\": \"smtp.relay-api.de\", \"port\": 465, \"tls\": \"implicit\", "
                + "\"username\": \"mailer\"}"), key)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
        // ... while other settings change without it.
        call(put("/api/v1/relay").content("{\"host\": \"smtp.relay-api.de\", \"port\": 587, \"tls\": \"starttls\", "
                + "\"username\": \"mailer\", \"maxConnections\": 2}"), key)
                .andExpect(status().isOk()).andExpect(jsonPath("$.passwordSet").value(true)).andExpect(jsonPath("$.port").value(587));
        // A login never goes out without TLS.
        call(put("/api/v1/relay").content("{\"host\": \"smtp.relay-api.de\", \"port\": 587, \"tls\": \"none\", "
                + "\"username\": \"mailer\", \"password\": \"x\"}"), key)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("tls"));
        call(get("/api/v1/relay"), key).andExpect(status().isOk()).andExpect(jsonPath("$.maxConnections").value(2))
                .andExpect(content().string(Matchers.not(containsString("s3cret"))));
        call(delete("/api/v1/relay"), key).andExpect(status().isNoContent());
        call(get("/api/v1/relay"), key).andExpect(status().isNotFound());
        call(delete("/api/v1/relay"), key).andExpect(status().isNotFound());
    }

    @Test
    void onlyClientAdminsChangeTheRelay() {
        CreatedClient client = Fixtures.client(clients, "Relay Roles");
        Actor marketer = new Actor(Actor.Kind.USER, UUID.randomUUID(), "marketer", client.client().id(),
                Role.MARKETER, "127.0.0.1");
        Assertions.assertThatThrownBy(() -> relays.save(marketer, new ClientRelays.RelayInput(
                        "smtp.example.com", 587, "starttls", null, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aClientsCampaignLeavesThroughItsRelayAndAnothersThroughThePlatform() throws Exception {
        CreatedClient withRelay = Fixtures.client(clients, "Own Relay");
        CreatedClient without = Fixtures.client(clients, "No Relay");
        call(put("/api/v1/relay").content("{\"host\": \"127.0.0.1\", \"port\": " + RELAY.port() + ", \"tls\": \"none\"}"),
                withRelay.adminApiKey().secret()).andExpect(status().isOk());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID first = sendTo(Fixtures.admin(withRelay), "own-relay.de", "a-" + tag);
        UUID second = sendTo(Fixtures.admin(without), "no-relay.de", "b-" + tag);
        worker.runOnce();

        assertThat(RELAY.acceptedFor("a-" + tag + "@example.net")).isEqualTo(1);
        assertThat(RELAY.acceptedFor("b-" + tag + "@example.net")).isZero();
        assertThat(outbox.page(Fixtures.admin(without), null, 50).items()).anyMatch(m -> second.equals(m.campaignId()));
        assertThat(outbox.page(Fixtures.admin(withRelay), null, 50).items()).noneMatch(m -> first.equals(m.campaignId()));
        // The relay's message is signed as relayed (a bounce to it may not act platform-wide), the platform's is not.
        String relayed = RELAY.messages().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .filter(m -> m.contains("a-" + tag + "@example.net")).findFirst().orElseThrow();
        Matcher messageId = Pattern.compile("(?m)^Message-ID: (\\S+)").matcher(relayed);
        assertThat(messageId.find()).isTrue();
        assertThat(verp.readMessageId(messageId.group(1))).hasValueSatisfying(s -> assertThat(s.relayed()).isTrue());
        assertThat(outbox.page(Fixtures.admin(without), null, 50).items()).filteredOn(m -> second.equals(m.campaignId()))
                .singleElement().satisfies(m -> assertThat(verp.read(m.envelopeFrom()))
                        .hasValueSatisfying(s -> assertThat(s.relayed()).isFalse()));
    }

    @Test
    void aRelayNobodyCanReachPausesTheCampaignAndAfterTheFixResumeSendsEachOnce() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Down Relay");
        Actor admin = Fixtures.admin(client);
        String key = client.adminApiKey().secret();
        call(put("/api/v1/relay").content("{\"host\": \"127.0.0.1\", \"port\": " + LoopbackPorts.free() + ", \"tls\": \"none\"}"), key)
                .andExpect(status().isOk());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID campaign = sendTo(admin, "down-relay.de", "d-" + tag);
        worker.runOnce();

        assertThat(campaigns.get(admin, campaign).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.get(admin, campaign).statusNote()).startsWith("Your SMTP relay could not be reached");
        call(get("/api/v1/campaigns/" + campaign), key).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("paused"))
                .andExpect(jsonPath("$.statusNote", Matchers.startsWith("Your SMTP relay could not be reached")));
        assertThat(progress.counts(admin.clientId(), campaign).byState()).containsEntry(QUEUED, 1L).doesNotContainKey(DEFERRED);
        assertThat(audit.page(Fixtures.operator(), null, 50).items()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("campaign.paused-by-delivery");
            assertThat(e.detail()).contains("could not be reached");
        });

        call(put("/api/v1/relay").content("{\"host\": \"127.0.0.1\", \"port\": " + RELAY.port() + ", \"tls\": \"none\"}"), key)
                .andExpect(status().isOk());
        campaigns.resume(admin, campaign);
        call(get("/api/v1/campaigns/" + campaign), key).andExpect(jsonPath("$.statusNote").value(Matchers.nullValue()));
        worker.runOnce();
        assertThat(RELAY.acceptedFor("d-" + tag + "@example.net")).isEqualTo(1);
        assertThat(progress.counts(admin.clientId(), campaign).byState()).containsEntry(SENT, 1L);
    }

    /**
     * Mail through an SMTP relay goes only From a verified sending domain: the checklist refuses
     * to start such a campaign, and one already sending (its relay set after it started) pauses
     * with the reason, sending nothing; the capture outbox takes the unverified domain, so a first
     * run needs no DNS. Once verified, resume sends it, DKIM-signed for the domain.
     */
    @Test
    void onlyAVerifiedDomainSendsThroughARelayWhileTheOutboxTakesAnUnverifiedOne() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Unverified");
        Actor admin = Fixtures.admin(client);
        String key = client.adminApiKey().secret();
        String domain = Fixtures.domain("unverified-shop.de");
        domains.add(admin, domain);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        subscribers.save(admin, new SubscriberInput("u-" + tag + "@example.net", "U", Map.of(),
                List.of(list.id()), null), false);
        Supplier<UUID> campaign = () -> campaigns.create(admin, new Campaigns.CampaignInput("C", "Hello", null,
                "Shop", "news@" + domain, null, "<p>Hi</p>", null, null, null, List.of(list.id()))).id();

        // The capture outbox: no DNS needed.
        UUID captured = campaign.get();
        campaigns.send(admin, captured, null);
        worker.runOnce();
        assertThat(outbox.page(admin, null, 50).items()).anyMatch(m -> captured.equals(m.campaignId()));

        // A campaign that started before the relay was set pauses, and nothing reaches the relay.
        UUID started = campaign.get();
        campaigns.send(admin, started, null);
        call(put("/api/v1/relay").content("{\"host\": \"127.0.0.1\", \"port\": " + RELAY.port() + ", \"tls\": \"none\"}"), key)
                .andExpect(status().isOk());
        worker.runOnce();
        assertThat(campaigns.get(admin, started).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.get(admin, started).statusNote()).contains("The From domain " + domain + " is not verified");
        assertThat(RELAY.acceptedFor("u-" + tag + "@example.net")).isZero();

        // With the relay set, the checklist refuses to start another.
        UUID refused = campaign.get();
        Assertions.assertThatThrownBy(() -> campaigns.send(admin, refused, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("verify it on the sending domains page");

        Fixtures.verified(scope, jdbc, admin.clientId(), domain);
        campaigns.resume(admin, started);
        worker.runOnce();
        assertThat(RELAY.acceptedFor("u-" + tag + "@example.net")).isEqualTo(1);
        String sent = RELAY.messages().stream().map(FaultySmtpPeer::text).filter(m -> m.contains("u-" + tag + "@example.net"))
                .findFirst().orElseThrow();
        assertThat(sent).startsWith("DKIM-Signature:").contains("d=" + domain + ";");
    }

    private UUID sendTo(Actor admin, String domain, String local) {
        return new TestCampaigns(domains, lists, subscribers, campaigns, scope, jdbc).send(admin, domain, Map.of(local + "@example.net", "X"));
    }
}
