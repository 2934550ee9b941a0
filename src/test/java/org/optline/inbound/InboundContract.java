package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.inbound.listener.InboundListener;
import org.optline.inbound.spool.InboundStore;
import org.optline.inbound.spool.SpoolProcessor;
import org.optline.inbound.spool.SpoolWriter;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The inbound listener, store and processing, over real SMTP: a 250 only once the message is in
 * the database, refusals (foreign domain, size, recipients), duplicates kept once, processing with
 * retries and backoff until processed or set aside, one processing per message however many
 * workers claim at once, and the operator's raw API. The classifier and actions are the test
 * doubles ({@link InboundDoubles}). On H2 and PostgreSQL.
 */
@Import(InboundDoubles.class)
@TestPropertySource(properties = {
        "optline.inbound.max-message-size=64KB",
        "optline.inbound.max-recipients=3",
        "optline.inbound.processing.workers=2",
        "optline.inbound.processing.batch=5",
        "optline.inbound.processing.poll=100ms",
        "optline.inbound.processing.first-retry=150ms",
        "optline.inbound.processing.max-backoff=300ms",
        "optline.inbound.processing.max-attempts=3"})
abstract class InboundContract {

    @Autowired InboundListener listener;
    @Autowired SpoolWriter writer;
    @Autowired SpoolProcessor processor;
    @Autowired InboundStore store;
    @Autowired InboundDoubles.ScriptedActions actions;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired MeterRegistry meters;

    static byte[] message(String... headers) {
        StringBuilder m = new StringBuilder("From: Mail Delivery System <mailer-daemon@mx.example.net>\r\n"
                + "To: b-0123456789abcdef@bounces.optline.local\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mx.example.net>\r\n");
        for (String h : headers) {
            m.append(h).append("\r\n");
        }
        m.append("\r\nThis is the mail system at host mx.example.net.\r\n\r\n.A line that starts with a dot.\r\n");
        return m.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String sha256(byte[] raw) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    }

    Map<String, Object> row(byte[] raw) throws Exception {
        return jdbc.sql("select * from inbound_messages where sha256 = :s").param("s", sha256(raw)).query().listOfRows().get(0);
    }

    long count(byte[] raw) throws Exception {
        return jdbc.sql("select count(*) from inbound_messages where sha256 = :s").param("s", sha256(raw)).query(Long.class).single();
    }

    String state(byte[] raw) throws Exception {
        return jdbc.sql("select state from inbound_messages where sha256 = :s").param("s", sha256(raw)).query(String.class)
                .list().stream().findFirst().orElse(null);
    }

    UUID id(byte[] raw) throws Exception {
        return jdbc.sql("select id from inbound_messages where sha256 = :s").param("s", sha256(raw)).query(UUID.class).list().get(0);
    }

    String deliver(byte[] raw, String... to) throws Exception {
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            smtp.command("EHLO client.example.net");
            return smtp.send("", List.of(to), raw);
        }
    }

    double smtpCount(String outcome) {
        return meters.get("optline.inbound.smtp").tag("outcome", outcome).counter().count();
    }

    @Test
    void aMessageIsStoredBeforeItsTwoFiftyForEitherDomainInAnyCase() throws Exception {
        byte[] raw = message("X-Test-Slow: 0");
        double accepted = smtpCount("accepted");
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            assertThat(smtp.greeting).startsWith("220");
            assertThat(smtp.command("EHLO client.example.net")).startsWith("250").contains("SIZE 65536").doesNotContain("STARTTLS");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<b-0123456789abcdef@BOUNCES.Optline.LOCAL>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<r-abc@replies.optline.local>")).startsWith("250");
            String reply = smtp.data(raw);
            // Read at once, before anything else could have written it: the 250 came after the commit.
            long stored = count(raw);
            assertThat(reply).startsWith("250 2.0.0");
            assertThat(stored).isEqualTo(1);
        }
        Map<String, Object> row = row(raw);
        assertThat((byte[]) row.get("raw")).isEqualTo(raw);
        assertThat(row.get("mail_from")).isEqualTo("");
        assertThat(row.get("recipients")).isEqualTo("b-0123456789abcdef@BOUNCES.Optline.LOCAL\nr-abc@replies.optline.local");
        assertThat(((Number) row.get("size_bytes")).intValue()).isEqualTo(raw.length);
        assertThat(row.get("remote_address")).isEqualTo("127.0.0.1");
        assertThat(smtpCount("accepted")).isEqualTo(accepted + 1);
    }

    @Test
    void mailForAnyOtherDomainIsRefusedAtRcpt() throws Exception {
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.command("MAIL FROM:<someone@example.net>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<postmaster@example.com>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<b-x@bounces.optline.local.example.com>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<bounces.optline.local>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<b-x@bounces.optline.local>")).startsWith("250");
        }
    }

    @Test
    void tooManyRecipientsAre452() throws Exception {
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            smtp.command("EHLO client.example.net");
            smtp.command("MAIL FROM:<>");
            for (int i = 0; i < 3; i++) {
                assertThat(smtp.command("RCPT TO:<b-" + i + "@bounces.optline.local>")).startsWith("250");
            }
            assertThat(smtp.command("RCPT TO:<b-3@bounces.optline.local>")).startsWith("452");
        }
    }

    @Test
    void anOversizeMessageIs552AndTheSessionGoesOn() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() < 70_000) {
            big.append("X-Filler: ").append("x".repeat(60)).append("\r\n");
        }
        byte[] raw = message(big.toString().trim());
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.command("MAIL FROM:<> SIZE=70000")).startsWith("552 5.3.4");
            assertThat(smtp.send("", List.of("b-1@bounces.optline.local"), raw)).startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).startsWith("250");
            byte[] small = message();
            assertThat(smtp.send("", List.of("b-1@bounces.optline.local"), small)).startsWith("250");
            assertThat(count(small)).isEqualTo(1);
        }
        assertThat(count(raw)).isZero();
    }

    @Test
    void theSameMessageDeliveredTwiceIsStoredOnceAndAnsweredTwoFiftyBothTimes() throws Exception {
        byte[] raw = message();
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        double duplicates = smtpCount("duplicate");
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        assertThat(count(raw)).isEqualTo(1);
        assertThat(smtpCount("duplicate")).isEqualTo(duplicates + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(state(raw)));
        assertThat(actions.callsFor(id(raw))).isEqualTo(1);
        // The same bytes for another address (another send's VERP address) are another message.
        assertThat(deliver(raw, "b-2@bounces.optline.local")).startsWith("250");
        assertThat(count(raw)).isEqualTo(2);
    }

    @Test
    void aStoredMessageIsClassifiedActedOnAndMarkedProcessedWithItsResult() throws Exception {
        byte[] raw = message("X-Test-Kind: hard_bounce", "X-Test-Recipient: gone@example.org", "X-Test-Status: 5.1.1");
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(state(raw)));
        Map<String, Object> row = row(raw);
        assertThat(row.get("result_kind")).isEqualTo("hard_bounce");
        assertThat(row.get("result_recipient")).isEqualTo("gone@example.org");
        assertThat(row.get("result_status")).isEqualTo("5.1.1");
        assertThat(row.get("result_action")).isEqualTo("noted by the test actions");
        assertThat(row.get("processed_at")).isNotNull();
        assertThat(row.get("lease_token")).isNull();
        assertThat(((Number) row.get("attempts")).intValue()).isZero();
        assertThat(actions.callsFor(id(raw))).isEqualTo(1);
    }

    @Test
    void failingActionsAreTriedAgainWithBackoffThenSetAsideAsUnprocessable() throws Exception {
        byte[] raw = message("X-Test-Kind: soft_bounce", "X-Test-Fail: always");
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        await().atMost(Duration.ofSeconds(15)).until(() -> "unprocessable".equals(state(raw)));
        Map<String, Object> row = row(raw);
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(3);
        assertThat((String) row.get("last_error")).contains("actions failing on purpose");
        assertThat(row.get("result_kind")).isEqualTo("soft_bounce");
        assertThat((String) row.get("result_action")).startsWith("unprocessable after 3 attempts");
        Thread.sleep(500);
        List<Long> times = actions.calls.get(id(raw));
        assertThat(times).hasSize(3);
        // 150 ms after the first failure, 300 ms after the second (a poll's slack aside).
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        assertThat(Duration.ofNanos(times.get(2) - times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void aMessageThatFailsOnceIsProcessedOnItsSecondAttempt() throws Exception {
        byte[] raw = message("X-Test-Fail: once");
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(state(raw)));
        assertThat(((Number) row(raw).get("attempts")).intValue()).isEqualTo(1);
        assertThat(actions.callsFor(id(raw))).isEqualTo(2);
    }

    @Test
    void actionsThatReturnWithoutMarkingTheMessageHaveFailed() throws Exception {
        byte[] raw = message("X-Test-Unmarked: yes");
        assertThat(deliver(raw, "b-1@bounces.optline.local")).startsWith("250");
        await().atMost(Duration.ofSeconds(15)).until(() -> "unprocessable".equals(state(raw)));
        assertThat((String) row(raw).get("last_error")).contains("without marking the message processed");
    }

    @Test
    void workersClaimingSideBySideProcessEachMessageOnce() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        List<CompletableFuture<UUID>> stored = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                while (!done.get()) {
                    processor.runOnce();
                }
                return null;
            });
        }
        for (int i = 0; i < 60; i++) {
            byte[] raw = message("X-Test-Slow: 3");
            messages.add(raw);
            stored.add(writer.submit(InboundStore.Incoming.of(raw, new InboundEnvelope("", List.of("b-1@bounces.optline.local")),
                    "127.0.0.1", writer.now())));
        }
        List<UUID> ids = new ArrayList<>();
        for (CompletableFuture<UUID> f : stored) {
            ids.add(f.get(30, TimeUnit.SECONDS));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> "processed".equals(store.find(id).state())));
        } finally {
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (UUID id : ids) {
            assertThat(actions.callsFor(id)).as("calls for %s", id).isEqualTo(1);
            assertThat(actions.marked.get(id)).isEqualTo(1);
        }
    }

    @Test
    void theRawApiStoresProcessesAndAnswersTheResultToTheOperatorOnly() throws Exception {
        byte[] raw = message("Return-Path: <>", "X-Test-Kind: complaint", "X-Test-Recipient: angry@example.org", "X-Test-Status: abuse");
        MvcResult first = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType("message/rfc822").content(raw)).andReturn();
        assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(first.getResponse().getContentAsString()).isEqualTo(
                "{\"kind\":\"complaint\",\"recipient\":\"angry@example.org\",\"status\":\"abuse\",\"action\":\"noted by the test actions\"}");
        Map<String, Object> row = row(raw);
        assertThat(row.get("state")).isEqualTo("processed");
        assertThat(row.get("mail_from")).isEqualTo("");
        assertThat(row.get("recipients")).isEqualTo("b-0123456789abcdef@bounces.optline.local");
        // The same bytes again: the stored result, not a second processing.
        MvcResult again = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).content(raw)).andReturn();
        assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(actions.callsFor(id(raw))).isEqualTo(1);

        String clientKey = Fixtures.client(clients, "Inbound Raw Shop").adminApiKey().secret();
        byte[] other = message();
        MvcResult refused = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + clientKey)
                .contentType("message/rfc822").content(other)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(404);
        assertThat(count(other)).isZero();
        MvcResult anonymous = mvc.perform(post("/api/v1/inbound/raw").contentType("message/rfc822").content(other)).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void theRawApiRefusesEmptyLargeAndJsonBodiesWithProblems() throws Exception {
        MvcResult empty = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType("message/rfc822")).andReturn();
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(empty.getResponse().getContentType()).startsWith("application/problem+json");
        MvcResult large = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType(MediaType.TEXT_PLAIN).content(new byte[70_000])).andReturn();
        assertThat(large.getResponse().getStatus()).isEqualTo(413);
        assertThat(large.getResponse().getContentType()).startsWith("application/problem+json");
        MvcResult json = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn();
        assertThat(json.getResponse().getStatus()).isEqualTo(415);
        assertThat(json.getResponse().getContentType()).startsWith("application/problem+json");
    }

    @Test
    void theRawApiAnswers503WhenProcessingFailsAndKeepsTheMessage() throws Exception {
        byte[] raw = message("X-Test-Fail: always");
        MvcResult failed = mvc.perform(post("/api/v1/inbound/raw").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                .contentType("message/rfc822").content(raw)).andReturn();
        assertThat(failed.getResponse().getStatus()).isEqualTo(503);
        assertThat(failed.getResponse().getContentAsString()).contains("actions failing on purpose");
        assertThat(count(raw)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "unprocessable".equals(state(raw)));
        assertThat(actions.callsFor(id(raw))).isEqualTo(3);
    }
}
