package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.test.PostgresDatabases;

/**
 * Two Optline nodes, each its own JVM, on one PostgreSQL database send one campaign through an
 * SMTP server that counts every message it accepts per recipient. First both run to the end:
 * every recipient exactly once. Then one node is killed with SIGKILL mid-campaign: the other takes
 * over the dead node's leased batches once the lease runs out, nobody is lost, and the only
 * repeats are messages the server had accepted in the dead node's unsettled batches, at most
 * lanes × batch size (docs/delivery.md). The client's rate holds for both nodes together: they
 * split it through the database, so the campaign takes at least as long as the rate allows.
 */
@Tag("postgres")
@ExtendWith(PostgresDatabases.Available.class)
class PostgresNodesTest {

    static final int RECIPIENTS = 400;
    static final int BATCH = 10;
    static final int LANES = 2;
    /** Messages a second for the client, both nodes together (each alone would send 50). */
    static final int CLIENT_RATE = 30;
    static final Map<String, String> NODE_SETTINGS = Map.of(
            "optline.delivery.throttle.client-per-second", String.valueOf(CLIENT_RATE),
            "optline.delivery.batch-size", String.valueOf(BATCH),
            "optline.delivery.lanes", String.valueOf(LANES),
            "optline.delivery.lease", "45s",
            "optline.delivery.smtp.timeout", "4s",
            "optline.delivery.smtp.max-connections", "2");

    static FaultySmtpPeer peer;

    @BeforeAll
    static void peer() {
        peer = new FaultySmtpPeer();
        peer.everyMessageMillis(40);
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    @Test
    void twoNodesShareACampaignAndAKilledNodeLosesNobody() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "node-test"));
        Map<String, Object> database = PostgresDatabases.createDatabase();
        try (OptlineNode a = new OptlineNode("node-a", database, peer.port(), dir, NODE_SETTINGS)) {
            a.awaitReady(Duration.ofSeconds(120)); // the first node migrates the schema
            try (OptlineNode b = new OptlineNode("node-b", database, peer.port(), dir, NODE_SETTINGS)) {
                b.awaitReady(Duration.ofSeconds(120));
                String key = setUp(a);
                verifyDomain(database, "nodes-shop.de");

                // Both nodes, to the end: exactly once each, and both did part of the work.
                String together = campaign(a, key, "together");
                long started = System.nanoTime();
                a.ok("POST", "/api/v1/campaigns/" + together + "/send", key, "{}");
                awaitSent(b, key, together, Duration.ofSeconds(120));
                // A lower bound only. Each node starts with at most a second's worth of its share
                // (30 for the first, 15 for the second, which sees the first when it announces
                // itself), and the first hears of the second at its next beat: 90 by then, and 30
                // a second after, so 400 messages take at least 1 + (400 - 90) / 30 = 11.3 s.
                // Asserted with room for a late beat: each node applying the whole rate would be
                // done in (400 - 60) / 60 = 5.7 s, and only the second sharing in about 7.9 s.
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("[rate] " + RECIPIENTS + " messages at " + CLIENT_RATE + "/s for two nodes took " + took);
                assertThat(took).as("two nodes kept to the client's rate together").isGreaterThan(Duration.ofMillis(9_500));
                Map<String, Integer> perRecipient = countsFor("together");
                assertThat(perRecipient).hasSize(RECIPIENTS);
                assertThat(perRecipient.values().stream().filter(n -> n != 1).count()).as("recipients not mailed exactly once")
                        .isZero();
                Map<String, Integer> byNode = peer.acceptedByHelo();
                assertThat(byNode.getOrDefault("node-a", 0)).as("node-a's share of %s", byNode).isPositive();
                assertThat(byNode.getOrDefault("node-b", 0)).isPositive();
                // The relay's 2 connections are for both nodes together: each keeps one open between
                // batches while the other sends too (each keeping the whole 2 would leave 4 open).
                Awaitility.await("connections left open").atMost(Duration.ofSeconds(4))
                        .until(() -> peer.openConnections() <= 2);

                // Node A dies mid-campaign; node B finishes alone.
                String crash = campaign(a, key, "crash");
                int before = peer.totalAccepted();
                a.ok("POST", "/api/v1/campaigns/" + crash + "/send", key, "{}");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (peer.totalAccepted() - before < RECIPIENTS / 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(peer.totalAccepted() - before).as("the campaign was under way when the node died")
                        .isBetween(RECIPIENTS / 4, RECIPIENTS - 1);
                a.kill();
                awaitSent(b, key, crash, Duration.ofSeconds(120));
                Map<String, Integer> afterCrash = countsFor("crash");
                assertThat(afterCrash).as("nobody lost").hasSize(RECIPIENTS);
                int repeats = afterCrash.values().stream().mapToInt(n -> n - 1).sum();
                System.out.println("[kill -9] messages repeated after the crash: " + repeats + " (bound "
                        + LANES * BATCH + " = lanes x batch size)");
                assertThat(afterCrash.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
                assertThat(repeats).isLessThanOrEqualTo(LANES * BATCH);
            }
        }
    }

    /** A client with a sending domain and RECIPIENTS subscribers on one list; answers the client's key. */
    private static String setUp(OptlineNode node) throws Exception {
        String created = node.ok("POST", "/api/v1/clients", OptlineNode.OPERATOR_KEY,
                "{\"name\": \"Nodes\", \"postalAddress\": \"1 Cluster Road\", \"adminEmail\": \"admin@nodes-shop.de\"}");
        String key = OptlineNode.field(created, "adminApiKey");
        node.ok("POST", "/api/v1/domains", key, "{\"domain\": \"nodes-shop.de\"}");
        String list = OptlineNode.field(node.ok("POST", "/api/v1/lists", key, "{\"name\": \"All\", \"optIn\": \"single\"}"), "id");
        for (int i = 0; i < RECIPIENTS; i++) {
            node.ok("POST", "/api/v1/subscribers", key, "{\"email\": \"n" + i + "@example.net\", \"name\": \"N " + i
                    + "\", \"lists\": [\"" + list + "\"]}");
        }
        listId = list;
        return key;
    }

    static String listId;

    /** Marks the domain verified in the database, as a DNS check that found its DKIM record would (this test is not about DNS). */
    private static void verifyDomain(Map<String, Object> database, String domain) throws SQLException {
        try (Connection c = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"))) {
            c.setAutoCommit(false);
            try (var scope = c.createStatement(); var update = c.prepareStatement(
                    "update sending_domains set verified_at = current_timestamp, dkim_check = 'published' where domain = ?")) {
                scope.execute("select set_config('optline.scope', 'platform', true)");
                update.setString(1, domain);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }
    }

    private static String campaign(OptlineNode node, String key, String name) throws Exception {
        return OptlineNode.field(node.ok("POST", "/api/v1/campaigns", key, "{\"name\": \"" + name + "\", \"subject\": \"" + name
                + " for {{name}}\", \"fromName\": \"Nodes\", \"fromEmail\": \"news@nodes-shop.de\", \"html\": \"<p>Hi {{name}}</p>\", "
                + "\"listIds\": [\"" + listId + "\"]}"), "id");
    }

    private static void awaitSent(OptlineNode node, String key, String campaign, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = OptlineNode.field(node.ok("GET", "/api/v1/campaigns/" + campaign, key, null), "status");
            if (status.equals("sent")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("campaign " + campaign + " still " + status + " after " + within + ": "
                + node.ok("GET", "/api/v1/campaigns/" + campaign + "/delivery", key, null));
    }

    /** Accepted messages per recipient for one campaign, told apart by the subject. */
    private static Map<String, Integer> countsFor(String campaign) {
        Map<String, Integer> counts = new TreeMap<>();
        for (byte[] m : peer.messages()) {
            String text = FaultySmtpPeer.text(m);
            if (text.contains("Subject: " + campaign + " for ")) {
                Matcher to = Pattern.compile("\r\nTo: (\\S+)\r\n").matcher(text);
                if (to.find()) {
                    counts.merge(to.group(1), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
