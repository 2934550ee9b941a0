package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Postfix's own {@code smtp-sink} (Debian package postfix; CI installs it) as the relay: an
 * independent SMTP implementation that offers PIPELINING, counting what it accepted.
 */
@OptlineTest
class SmtpSinkTest {

    static final Path SINK = Path.of("/usr/sbin/smtp-sink");
    static Process sink;
    static Path log;
    static int port;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) throws IOException {
        if (Files.isExecutable(SINK)) {
            port = LoopbackPorts.free();
            log = Files.createTempFile("smtp-sink", ".log");
            // -c: keep a running count of sessions and messages.
            List<String> command = new ArrayList<>(List.of(SINK.toString(), "-c"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody")); // smtp-sink refuses to keep running as root
            }
            command.addAll(List.of("127.0.0.1:" + port, "100"));
            sink = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        registry.add("optline.delivery.transport", () -> "smtp");
        registry.add("optline.delivery.smtp.host", () -> "127.0.0.1");
        registry.add("optline.delivery.smtp.port", () -> port);
        registry.add("optline.delivery.smtp.max-connections", () -> 4);
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.destroy();
        }
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
    void smtpSinkAcceptsEveryMessageOfACampaignOnce() throws Exception {
        assumeTrue(sink != null, "Postfix's smtp-sink is not installed (apt-get install postfix); skipping");
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
        var admin = Fixtures.admin(Fixtures.client(clients, "Sink"));
        Map<String, String> people = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            people.put("s" + i + "@example.com", "S" + i);
        }
        UUID campaign = new TestCampaigns(domains, lists, subscribers, campaigns, scope, jdbc).send(admin, "sink-shop.de", people);
        worker.runOnce();
        assertThat(campaigns.get(admin, campaign).status()).isEqualTo(CampaignStatus.SENT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(messagesCounted()).isEqualTo(60));
    }

    /** smtp-sink -c rewrites "... mesg=N" on its output after every message. */
    private static int messagesCounted() throws IOException {
        Matcher m = Pattern.compile("mesg=(\\d+)").matcher(Files.readString(log));
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static boolean listening(int port) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
