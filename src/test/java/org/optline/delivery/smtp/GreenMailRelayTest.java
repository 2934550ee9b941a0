package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.Subscribers;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP relay transport against GreenMail as the relay, over implicit TLS (SMTPS) with a
 * certificate made for this test, trusted through {@code trust-store}, and with SMTP AUTH: what a
 * client's real relay (a smarthost with a login) looks like.
 */
@OptlineTest
class GreenMailRelayTest {

    static final TestCertificates TLS;
    static final GreenMail RELAY;

    static {
        try {
            TLS = TestCertificates.create();
            // GreenMail serves TLS with the key store these properties name.
            System.setProperty("greenmail.tls.keystore.file", TLS.keyStore.toString());
            System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
            System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
            RELAY = new GreenMail(new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
                    .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay-user", "relay password 1"));
            RELAY.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("optline.delivery.transport", () -> "smtp");
        registry.add("optline.delivery.smtp.host", () -> "127.0.0.1");
        registry.add("optline.delivery.smtp.port", () -> RELAY.getSmtps().getPort());
        registry.add("optline.delivery.smtp.tls", () -> "implicit");
        registry.add("optline.delivery.smtp.username", () -> "relay-user");
        registry.add("optline.delivery.smtp.password", () -> "relay password 1");
        registry.add("optline.delivery.smtp.trust-store", () -> TLS.trustStore.toString());
        registry.add("optline.delivery.smtp.trust-store-password", () -> "changeit");
        registry.add("optline.delivery.smtp.timeout", () -> "10s");
    }

    @AfterAll
    static void stop() {
        RELAY.stop();
    }

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired DeliveryWorker worker;

    @Test
    void aCampaignGoesThroughAnAuthenticatedTlsRelay() throws Exception {
        var admin = Fixtures.admin(Fixtures.client(clients, "Tls Relay"));
        Map<String, String> people = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            people.put("r" + i + "@example.org", "R" + i);
        }
        UUID campaign = new TestCampaigns(domains, lists, subscribers, campaigns, scope, jdbc).send(admin, "tls-relay.de", people);
        worker.runOnce();

        assertThat(RELAY.waitForIncomingEmail(10_000, 5)).isTrue();
        MimeMessage[] received = RELAY.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("r0@example.org", "r1@example.org", "r2@example.org", "r3@example.org", "r4@example.org");
        assertThat(received[0].getHeader("DKIM-Signature")).isNotEmpty();
        assertThat(received[0].getSubject()).startsWith("Hello R");
        assertThat(campaigns.get(admin, campaign).status()).isEqualTo(CampaignStatus.SENT);
    }
}
