package org.optline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.tracking.token.ProviderGroup;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many concurrent clicks through the real HTTP server, with a queue small enough to refuse some:
 * every click answered with its redirect is stored, once, and none refused (503) is.
 */
abstract class TrackingLoadContract {

    static final int THREADS = 24;
    static final int HITS_EACH = 150;
    static final String LOAD_SETTINGS = "optline.tracking.ingest.queue=16";

    @Autowired Clients clients;
    @Autowired Tracking tracking;
    @Autowired TrackingTokens tokens;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void everyAnsweredClickIsStoredExactlyOnce() throws Exception {
        UUID clientId = Fixtures.client(clients, "Loaded").client().id();
        UUID campaignId = UUID.randomUUID();
        tracking.links(clientId, campaignId, "<a href=\"https://a.example/1\">1</a> <a href=\"https://a.example/2\">2</a>", null);
        List<String> signed = new ArrayList<>();
        Instant sent = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 200; i++) {
            signed.add(tokens.sign(new TrackingToken(campaignId, UUID.randomUUID(), i % 2, ProviderGroup.OTHER, sent)));
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger redirected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(pool.submit(() -> {
                for (int i = 0; i < HITS_EACH; i++) {
                    String token = signed.get(ThreadLocalRandom.current().nextInt(signed.size()));
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/c/" + token))
                            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 302) {
                        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://a.example/"));
                        redirected.incrementAndGet();
                    } else if (r.statusCode() == 503) {
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        refused.incrementAndGet();
                    } else {
                        throw new AssertionError("status " + r.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        assertThat(redirected.get() + refused.get()).isEqualTo(THREADS * HITS_EACH);
        List<Map<String, Object>> stored = scope.asPlatform(() -> jdbc.sql(
                "select link, count(*) as n, count(distinct id) as ids from tracked_events where campaign_id = ? group by link")
                .param(campaignId).query().listOfRows());
        long total = stored.stream().mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
        assertThat(total).as("stored events, against %d redirects and %d refusals", redirected.get(), refused.get())
                .isEqualTo(redirected.get());
        assertThat(stored).allSatisfy(r -> assertThat(r.get("n")).isEqualTo(r.get("ids")));
    }
}
