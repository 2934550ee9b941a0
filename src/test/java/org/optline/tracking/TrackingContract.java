package org.optline.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A campaign sent with tracking: its links and pixel rewritten (and what must not be), the
 * redirect to the stored target, the pixel, refusals that store nothing, and the events stored
 * with their classes. On H2 and PostgreSQL.
 */
@Import(TrackingContract.Heard.class)
abstract class TrackingContract {

    /** A listener that notes every event handed to it and can be made to fail its next call. */
    static class Heard implements TrackedEventsListener {
        final List<TrackedEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresWanted = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void stored(List<TrackedEvent> group) {
            if (failuresWanted.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                throw new IllegalStateException("listener failing on purpose");
            }
            events.addAll(group);
        }
    }

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    static final Pattern CLICK = Pattern.compile("http://localhost:8080/t/c/([A-Za-z0-9_-]+)");
    static final Pattern OPEN = Pattern.compile("http://localhost:8080/t/o/([A-Za-z0-9_-]+)");

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired Outbox outbox;
    @Autowired DeliveryWorker worker;
    @Autowired SendingDomains domains;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired Heard heard;
    @Autowired MeterRegistry meters;

    Actor admin;
    MailingList news;
    String domain;

    @BeforeEach
    void threeReaders() {
        admin = Fixtures.admin(Fixtures.client(clients, "Tracker"));
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("shoehaus.de");
        domains.add(admin, domain);
        subscribers.save(admin, new SubscriberInput("anna@gmail.com", "Anna", Map.of(), List.of(news.id()), null), false);
        subscribers.save(admin, new SubscriberInput("ben@outlook.com", "Ben", Map.of(), List.of(news.id()), null), false);
        subscribers.save(admin, new SubscriberInput("cleo@shoehaus.de", "Cleo", Map.of(), List.of(news.id()), null), false);
    }

    Campaign sent(String html, String text, Boolean tracking) {
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Links", "News", null, "Shoehaus", "news@" + domain,
                null, html, text, null, null, List.of(news.id()), tracking, null, null));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        return c;
    }

    List<OutboxMessage> messages(Campaign c) {
        return outbox.page(admin, null, 200).items().stream().filter(m -> c.id().equals(m.campaignId())).toList();
    }

    /** The message's text part, then its HTML part, as the recipient reads them. */
    static List<String> parts(OutboxMessage m) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.raw().getBytes(StandardCharsets.UTF_8)));
            var multipart = (MimeMultipart) message.getContent();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add(String.valueOf(multipart.getBodyPart(i).getContent()));
            }
            return parts;
        } catch (Exception e) {
            throw new AssertionError("not a MIME message", e);
        }
    }

    static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    long events(Campaign c) {
        return scope.asPlatform(() -> jdbc.sql("select count(*) from tracked_events where campaign_id = ?").param(c.id())
                .query(Long.class).single());
    }

    Map<String, Object> onlyEvent(Campaign c) {
        return scope.inClient(admin.clientId(), () -> jdbc.sql("select * from tracked_events where client_id = ? and campaign_id = ?")
                .param(admin.clientId()).param(c.id()).query().singleRow());
    }

    static final String HTML = "<p><a href=\"https://shop.example/a?x=1&amp;y=2\">A</a> <a href=\"https://shop.example/b\">B</a> "
            + "<a href=\"https://shop.example/a?x=1&amp;y=2\">A again</a> <a href=\"https://shop.example/p?who={{email}}\">mine</a> "
            + "<a href=\"mailto:help@shoehaus.de\">write</a> <a href=\"{{webview_url}}\">online</a></p>";

    @Test
    void linksAndThePixelAreRewrittenAndNothingElse() {
        Campaign c = sent(HTML, "Shop: https://shop.example/b. Yours: https://shop.example/p?who={{email}}", null);
        List<OutboxMessage> sent = messages(c);
        assertThat(sent).hasSize(3);
        OutboxMessage anna = sent.stream().filter(m -> m.recipient().equals("anna@gmail.com")).findFirst().orElseThrow();
        String text = parts(anna).get(0);
        String html = parts(anna).get(1);
        List<String> clicks = all(CLICK, html);
        assertThat(clicks).hasSize(3);
        assertThat(clicks.get(0)).isEqualTo(clicks.get(2)).isNotEqualTo(clicks.get(1)); // one token per link and message
        assertThat(all(OPEN, html)).hasSize(1);
        // The sanitiser writes "=" and "@" in attributes as character references.
        assertThat(html).contains("href=\"https://shop.example/p?who&#61;anna@gmail.com\"", "href=\"mailto:help&#64;shoehaus.de\"",
                "href=\"http://localhost:8080/s/view/", "href=\"http://localhost:8080/s/unsubscribe/")
                .doesNotContain("https://shop.example/a", "https://shop.example/b");
        assertThat(all(CLICK, text)).containsExactly(clicks.get(1));
        assertThat(text).contains("https://shop.example/p?who=anna@gmail.com");
        // Every recipient's tokens are their own.
        assertThat(sent.stream().map(m -> all(CLICK, parts(m).get(1)).get(0)).distinct()).hasSize(3);
        assertThat(events(c)).isZero();
    }

    @Test
    void aClickRedirectsToTheStoredTargetOnceItsEventIsStored() throws Exception {
        Campaign c = sent(HTML, null, null);
        OutboxMessage anna = messages(c).stream().filter(m -> m.recipient().equals("anna@gmail.com")).findFirst().orElseThrow();
        String token = all(CLICK, parts(anna).get(1)).get(0);
        mvc.perform(get("/t/c/" + token).header("User-Agent", BROWSER))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "https://shop.example/a?x=1&y=2"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
        Map<String, Object> event = onlyEvent(c);
        assertThat(event).containsEntry("kind", "click").containsEntry("link", 0).containsEntry("provider_group", "google")
                .containsEntry("subscriber_id", subscribers.findByEmail(admin, "anna@gmail.com").orElseThrow().id())
                // Within seconds of sending: what a scanner does, so not counted as a person's.
                .containsEntry("source", "security_scanner").containsEntry("rule", "early-click");
    }

    @Test
    void anOpenAnswersANeverCachedGifAndIsStoredAsAPersons() throws Exception {
        Campaign c = sent(HTML, null, null);
        OutboxMessage ben = messages(c).stream().filter(m -> m.recipient().equals("ben@outlook.com")).findFirst().orElseThrow();
        String token = all(OPEN, parts(ben).get(1)).get(0);
        byte[] gif = mvc.perform(get("/t/o/" + token).header("User-Agent", BROWSER))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/gif"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(header().string("Pragma", "no-cache"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(gif).hasSize(43);
        assertThat(new String(gif, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(onlyEvent(c)).containsEntry("kind", "open").containsEntry("link", -1).containsEntry("provider_group", "microsoft")
                .containsEntry("source", "human").containsEntry("rule", "human");
    }

    @Test
    void machineHitsAreStoredWithTheirClassAndRule() throws Exception {
        Campaign c = sent(HTML, null, null);
        OutboxMessage cleo = messages(c).stream().filter(m -> m.recipient().equals("cleo@shoehaus.de")).findFirst().orElseThrow();
        mvc.perform(get("/t/o/" + all(OPEN, parts(cleo).get(1)).get(0)).header("User-Agent", "Mozilla/5.0")).andExpect(status().isOk());
        assertThat(onlyEvent(c)).containsEntry("source", "mailbox_proxy").containsEntry("rule", "apple-mail-privacy")
                .containsEntry("provider_group", "other");
        mvc.perform(head("/t/c/" + all(CLICK, parts(cleo).get(1)).get(1)).header("User-Agent", BROWSER))
                .andExpect(status().isFound()).andExpect(header().string("Location", "https://shop.example/b"));
        assertThat(scope.asPlatform(() -> jdbc.sql("select rule from tracked_events where campaign_id = ? and kind = 'click'")
                .param(c.id()).query(String.class).single())).isEqualTo("head-request");
    }

    @Test
    void aBadTokenIsRefusedWithoutARedirectAndStoresNothing() throws Exception {
        Campaign c = sent(HTML, null, null);
        String token = all(CLICK, parts(messages(c).get(0)).get(1)).get(0);
        String open = all(OPEN, parts(messages(c).get(0)).get(1)).get(0);
        char last = token.charAt(token.length() - 2);
        String changed = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        for (String bad : List.of(changed, "not-a-token", token.substring(0, 40), "https:%2F%2Fevil.example")) {
            mvc.perform(get("/t/c/" + bad).header("User-Agent", BROWSER))
                    .andExpect(status().isBadRequest()).andExpect(header().doesNotExist("Location"));
        }
        // A click token is no open token, and the other way round.
        mvc.perform(get("/t/o/" + token).header("User-Agent", BROWSER)).andExpect(status().isBadRequest());
        mvc.perform(get("/t/c/" + open).header("User-Agent", BROWSER)).andExpect(status().isBadRequest());
        assertThat(events(c)).isZero();
    }

    @Test
    void onlyGetAndHeadAreTakenAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        Campaign c = sent(HTML, null, null);
        String token = all(CLICK, parts(messages(c).get(0)).get(1)).get(0);
        mvc.perform(post("/t/c/" + token).header("User-Agent", BROWSER))
                .andExpect(status().isMethodNotAllowed()).andExpect(header().string("Allow", "GET, HEAD"))
                .andExpect(header().doesNotExist("Location"));
        mvc.perform(get("/t/c/" + token + "/more").header("User-Agent", BROWSER)).andExpect(status().isNotFound());
        assertThat(events(c)).isZero();
        mvc.perform(get("/t/c/" + token).header("User-Agent", BROWSER))
                .andExpect(status().isFound())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
                .andExpect(header().doesNotExist("Set-Cookie"));
        assertThat(events(c)).isEqualTo(1L);
        // Counted by kind and outcome, where other requests have the per-request timer.
        assertThat(meters.get("optline.tracking.hits").tag("kind", "click").tag("outcome", "stored").counter().count())
                .isPositive();
    }

    @Test
    void storedEventsReachTheListenersExactlyOnceAndAFailedHandOverComesAgain() throws Exception {
        Campaign c = sent(HTML, null, null);
        heard.failuresWanted.set(1);
        for (OutboxMessage m : messages(c)) {
            mvc.perform(get("/t/c/" + all(CLICK, parts(m).get(1)).get(0)).header("User-Agent", BROWSER)).andExpect(status().isFound());
        }
        List<UUID> stored = scope.asPlatform(() -> jdbc.sql("select id from tracked_events where campaign_id = ?").param(c.id())
                .query(UUID.class).list());
        assertThat(stored).hasSize(3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(heard.failed.get()).isPositive();
            assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from tracked_events_pending where campaign_id = ?")
                    .param(c.id()).query(Long.class).single())).isZero();
            assertThat(heard.events.stream().filter(e -> e.campaignId().equals(c.id())).map(TrackedEvent::id))
                    .containsExactlyInAnyOrderElementsOf(stored);
        });
    }

    @Test
    void aCampaignWithTrackingOffKeepsItsLinks() {
        Campaign c = sent(HTML, "Shop: https://shop.example/b", false);
        assertThat(campaigns.get(admin, c.id()).tracking()).isFalse();
        for (OutboxMessage m : messages(c)) {
            assertThat(String.join("\n", parts(m))).doesNotContain("/t/c/", "/t/o/").contains("href=\"https://shop.example/b\"");
        }
    }
}
