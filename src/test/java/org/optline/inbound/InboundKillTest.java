package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.optline.test.PostgresDatabases;

/**
 * Nothing answered 250 is lost: an Optline node in its own JVM takes mail over SMTP on several
 * connections at once and is killed with SIGKILL in the middle; every message that had its 250 is
 * in the database at that moment, and once a node runs again on the same database every one of
 * them ends processed (the actions are slow, so the kill leaves some unprocessed, some claimed).
 * On PostgreSQL, and on H2 (a file database).
 */
class InboundKillTest {

    static final int CONNECTIONS = 8;
    static final int ANSWERED_BEFORE_KILL = 300;

    @Test
    @Tag("postgres")
    void postgresKeepsAndProcessesEveryAnsweredMessageThroughAKill() throws Exception {
        Assumptions.assumeTrue(PostgresDatabases.adminUrl() != null, PostgresDatabases.ENV + " is not set");
        Map<String, Object> database = PostgresDatabases.createDatabase();
        String url = (String) database.get("spring.datasource.url");
        String user = (String) database.get("spring.datasource.username");
        // A superuser connection to the test's database for the checks.
        String adminUrl = PostgresDatabases.adminUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + url.substring(url.lastIndexOf('/') + 1) + "$1");
        run(url, user, adminUrl, "", Files.createTempDirectory("inbound-kill-pg"));
    }

    @Test
    void h2KeepsAndProcessesEveryAnsweredMessageThroughAKill() throws Exception {
        Path dir = Files.createTempDirectory("inbound-kill-h2");
        // AUTO_SERVER: the test reads the database while a node has it open.
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        run(url, "sa", url, "sa", dir);
    }

    private void run(String url, String user, String checkUrl, String checkUser, Path dir) throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        try (InboundNode node = new InboundNode(url, user, dir, "first")) {
            node.awaitReady(Duration.ofSeconds(180));
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            for (int t = 0; t < CONNECTIONS; t++) {
                pool.submit(() -> {
                    try (SmtpTalk smtp = new SmtpTalk(node.smtpPort())) {
                        smtp.command("EHLO sender.example.net");
                        while (true) {
                            byte[] raw = ("From: mailer-daemon@mx.example.net\r\nTo: b-" + UUID.randomUUID()
                                    + "@bounces.optline.local\r\nSubject: Undelivered\r\nX-Test-Kind: hard_bounce\r\n"
                                    + "X-Test-Slow: 10\r\n\r\nGone.\r\n").getBytes(StandardCharsets.ISO_8859_1);
                            sent.incrementAndGet();
                            if (smtp.send("", List.of("b-1@bounces.optline.local"), raw).startsWith("250")) {
                                answered.add(sha256(raw));
                            }
                        }
                    } catch (Exception nodeGone) {
                        return null;
                    }
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= ANSWERED_BEFORE_KILL);
            node.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        Map<String, String> states = states(checkUrl, checkUser);
        assertThat(states.keySet()).as("stored after the kill, against %d answered of %d sent", answered.size(), sent.get())
                .containsAll(answered);
        assertThat(states.size()).isLessThanOrEqualTo(sent.get());
        assertThat(answered.stream().filter(sha -> !"processed".equals(states.get(sha))).count())
                .as("answered but not processed when the node was killed").isPositive();

        try (InboundNode again = new InboundNode(url, user, dir, "second")) {
            again.awaitReady(Duration.ofSeconds(180));
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> states(checkUrl, checkUser).values().stream().allMatch("processed"::equals));
        }
        Map<String, String> after = states(checkUrl, checkUser);
        assertThat(after.keySet()).containsAll(answered);
        assertThat(after.values()).containsOnly("processed");
    }

    private static Map<String, String> states(String url, String user) throws Exception {
        Map<String, String> states = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select sha256, state from inbound_messages")) {
            while (r.next()) {
                states.put(r.getString(1), r.getString(2));
            }
        }
        return states;
    }

    static String sha256(byte[] raw) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    }
}
