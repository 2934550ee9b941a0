package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.optline.inbound.listener.InboundListener;
import org.optline.test.StepClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * While the listener takes mail in a burst (here: from one message a second), processing leaves
 * the young messages for later and takes only those that waited {@code defer-while-busy}; when the
 * burst ends, it takes everything. On H2 and PostgreSQL.
 */
@Import({InboundDoubles.class, InboundBurstContract.Clocks.class})
@TestPropertySource(properties = {
        "optline.inbound.processing.workers=2",
        "optline.inbound.processing.poll=100ms",
        "optline.inbound.processing.busy-rate=1",
        "optline.inbound.processing.defer-while-busy=10m"})
abstract class InboundBurstContract {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        StepClock stepClock() {
            return new StepClock();
        }
    }

    @Autowired InboundListener listener;
    @Autowired JdbcClient jdbc;
    @Autowired StepClock clock;
    private String rcpt;

    @Test
    void aBurstDefersProcessingUpToItsBoundAndItsEndLetsAllBeProcessed() throws Exception {
        rcpt = "b-burst" + System.nanoTime() + "@bounces.optline.local";
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<Integer> sent = sender.submit(() -> {
            int n = 0;
            try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
                smtp.command("EHLO client.example.net");
                while (sending.get()) {
                    assertThat(smtp.send("", List.of(rcpt),
                            InboundContract.message("X-Test-Kind: hard_bounce"))).startsWith("250");
                    n++;
                    Thread.sleep(20);
                }
            }
            return n;
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("received") >= 20);
            assertThat(count("processed")).as("nothing young is processed while mail keeps coming").isZero();

            // Ten minutes on: what came so far has waited long enough to be processed, burst or not.
            long before = count("received");
            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("processed") >= before);
            assertThat(count("received")).as("what came after the move still waits").isPositive();
        } finally {
            sending.set(false);
        }
        int total = sent.get();
        sender.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> count("processed") == total);
    }

    private long count(String state) {
        return jdbc.sql("select count(*) from inbound_messages where state = :state and recipients = :rcpt")
                .param("state", state).param("rcpt", rcpt).query(Long.class).single();
    }
}
