package org.optline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optline.test.PostgresDatabases;

/**
 * Nothing answered is lost: an Optline node in its own JVM takes concurrent clicks and is killed
 * with SIGKILL in the middle of them; afterwards every click that had its redirect is in the
 * database (answered ≤ stored: a click stored just before the kill may not have had its answer
 * yet), and every stored event is a valid one. On H2 (a file database) and PostgreSQL.
 */
class TrackingKillTest {

    static final int SUBSCRIBERS = 20;
    static final int THREADS = 16;
    static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_-]+)");

    @Test
    void h2KeepsEveryAnsweredClickThroughAKill() throws Exception {
        Path dir = Files.createTempDirectory("tracking-kill-h2");
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Run run = loadAndKill(url, "sa", dir);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            check(run, c);
        }
    }

    @Test
    @Tag("postgres")
    void postgresKeepsEveryAnsweredClickThroughAKill() throws Exception {
        Assumptions.assumeTrue(PostgresDatabases.adminUrl() != null, PostgresDatabases.ENV + " is not set");
        Map<String, Object> database = PostgresDatabases.createDatabase();
        String url = (String) database.get("spring.datasource.url");
        Run run = loadAndKill(url, (String) database.get("spring.datasource.username"), Files.createTempDirectory("tracking-kill-pg"));
        // A superuser connection to the test's database: row-level security must not hide rows from the count.
        String adminUrl = PostgresDatabases.adminUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + url.substring(url.lastIndexOf('/') + 1) + "$1");
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            check(run, c);
        }
    }

    /** What the load saw: the campaign, the redirects answered, the clicks sent, and the recipients' ids. */
    record Run(String campaignId, int answered, int sent) {}

    private Run loadAndKill(String url, String user, Path dir) throws Exception {
        List<String> tokens;
        String campaign;
        TrackingNode node = new TrackingNode(url, user, dir);
        try {
            node.awaitReady(Duration.ofSeconds(180));
            String client = node.ok("POST", "/api/v1/clients", TrackingNode.OPERATOR_KEY,
                    "{\"name\": \"Kill Shop\", \"postalAddress\": \"1 Road, Town\", \"adminEmail\": \"admin@kill-shop.de\"}");
            String key = TrackingNode.field(client, "adminApiKey");
            String list = TrackingNode.field(node.ok("POST", "/api/v1/lists", key, "{\"name\": \"All\", \"optIn\": \"single\"}"), "id");
            for (int i = 0; i < SUBSCRIBERS; i++) {
                node.ok("POST", "/api/v1/subscribers", key, "{\"email\": \"reader" + i + "@kill-shop.de\", \"name\": \"R" + i
                        + "\", \"lists\": [\"" + list + "\"]}");
            }
            node.ok("POST", "/api/v1/domains", key, "{\"domain\": \"kill-shop.de\"}");
            campaign = TrackingNode.field(node.ok("POST", "/api/v1/campaigns", key, "{\"name\": \"K\", \"subject\": \"Hi\", "
                    + "\"fromName\": \"Kill Shop\", \"fromEmail\": \"news@kill-shop.de\", \"html\": \"<p><a href='https://kill-shop.de/a'>a</a> "
                    + "<a href='https://kill-shop.de/b'>b</a></p>\", \"listIds\": [\"" + list + "\"]}"), "id");
            node.ok("POST", "/api/v1/campaigns/" + campaign + "/send", key, "{}");
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> node.ok("GET", "/api/v1/campaigns/" + campaign, key, null).contains("\"status\":\"sent\""));
            // Raw messages in JSON: quoted-printable's soft line breaks ("=" CR LF) removed, the tokens are whole.
            String outbox = node.ok("GET", "/api/v1/outbox?limit=100", key, null).replace("=\\r\\n", "");
            Set<String> found = new HashSet<>();
            Matcher m = CLICK.matcher(outbox);
            while (m.find()) {
                found.add(m.group(1));
            }
            tokens = new ArrayList<>(found);
            assertThat(tokens).hasSize(2 * SUBSCRIBERS);

            AtomicInteger answered = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    try {
                        while (true) {
                            sent.incrementAndGet();
                            if (node.click(tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()))) == 302) {
                                answered.incrementAndGet();
                            }
                        }
                    } catch (Exception nodeGone) {
                        return null;
                    }
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 1500);
            node.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            return new Run(campaign, answered.get(), sent.get());
        } finally {
            node.close();
        }
    }

    private static void check(Run run, Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(distinct id), "
                     + "sum(case when kind = 'click' and link in (0, 1) and subscriber_id is not null then 1 else 0 end), "
                     + "count(distinct subscriber_id) from tracked_events where campaign_id = '" + run.campaignId() + "'")) {
            r.next();
            long stored = r.getLong(1);
            assertThat(stored).as("stored, against %d answered of %d sent", run.answered(), run.sent())
                    .isGreaterThanOrEqualTo(run.answered()).isLessThanOrEqualTo(run.sent());
            assertThat(r.getLong(2)).isEqualTo(stored);
            assertThat(r.getLong(3)).isEqualTo(stored);
            assertThat(r.getLong(4)).isBetween(1L, (long) SUBSCRIBERS);
        }
    }
}
