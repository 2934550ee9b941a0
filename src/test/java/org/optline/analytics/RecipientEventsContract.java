package org.optline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
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
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEvent.Kind;
import org.optline.tracking.TrackedEvent.Source;
import org.optline.tracking.ingest.EventWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@code GET /api/v1/campaigns/{id}/events} and {@code /events/export.csv}: a campaign sent for
 * real, a person's open and a scanner's click through the public tracking links, a person's click
 * and an anonymous open through tracking's writer; each listed once, in order, with address, link
 * and class; paged, filtered, exported as CSV, and not found for another client. On H2 and PostgreSQL.
 */
abstract class RecipientEventsContract {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    static final Pattern CLICK = Pattern.compile("http://localhost:8080/t/c/([A-Za-z0-9_-]+)");
    static final Pattern OPEN = Pattern.compile("http://localhost:8080/t/o/([A-Za-z0-9_-]+)");
    static final String LINK = "https://shop.example/spring";

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired EventWriter writer;
    @Autowired MockMvc mvc;

    CreatedClient client;
    Actor admin;
    Campaign campaign;
    String key;
    UUID cleo;

    @BeforeEach
    void sentAndTracked() throws Exception {
        client = Fixtures.client(clients, "Event Lister");
        admin = Fixtures.admin(client);
        key = "Bearer " + client.adminApiKey().secret();
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain("events.de");
        domains.add(admin, domain);
        for (String name : List.of("anna", "ben", "cleo")) {
            var s = subscribers.save(admin, new SubscriberInput(name + "@" + domain, name, Map.of(), List.of(list.id()), null), false);
            if (name.equals("cleo")) {
                cleo = s.subscriber().id();
            }
        }
        campaign = campaigns.create(admin, new Campaigns.CampaignInput("Spring", "Hello", null, "Shop", "news@" + domain, null,
                "<p>Hi <a href=\"" + LINK + "\">shoes</a></p>", null, null, null, List.of(list.id()), true, null, null));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        List<OutboxMessage> sent = outbox.page(admin, null, 200).items().stream()
                .filter(m -> campaign.id().equals(m.campaignId())).toList();
        String anna = html(sent.stream().filter(m -> m.recipient().startsWith("anna@")).findFirst().orElseThrow());
        String ben = html(sent.stream().filter(m -> m.recipient().startsWith("ben@")).findFirst().orElseThrow());
        // A person opens; a click seconds after sending is a security scanner's (early-click).
        mvc.perform(get("/t/o/" + first(OPEN, anna)).header("User-Agent", BROWSER)).andExpect(status().isOk());
        mvc.perform(get("/t/c/" + first(CLICK, ben)).header("User-Agent", BROWSER)).andExpect(status().isFound());
        // A person's click later on, and an open of anonymous tracking, stored as the endpoints store them.
        Instant later = Instant.now().truncatedTo(ChronoUnit.MICROS).plusSeconds(5);
        store(List.of(event(cleo, Kind.CLICK, 0, later), event(null, Kind.OPEN, -1, later.plusSeconds(1))));
    }

    TrackedEvent event(UUID subscriberId, Kind kind, int link, Instant at) {
        return new TrackedEvent(UUID.randomUUID(), client.client().id(), campaign.id(), subscriberId, kind, link, at, Source.HUMAN,
                "human", "other");
    }

    void store(List<TrackedEvent> events) throws Exception {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (TrackedEvent e : events) {
            CompletableFuture<Void> f = writer.submit(e);
            assertThat(f).as("accepted by the writer").isNotNull();
            stored.add(f);
        }
        CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyEventIsListedOnceInOrderWithItsRecipientLinkAndClass() throws Exception {
        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/events").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(4))
                .andExpect(jsonPath("$.nextCursor").isEmpty())
                .andExpect(jsonPath("$.items[0].type").value("open"))
                .andExpect(jsonPath("$.items[0].email").value(org.hamcrest.Matchers.startsWith("anna@")))
                .andExpect(jsonPath("$.items[0].human").value(true))
                .andExpect(jsonPath("$.items[0].source").value("human"))
                .andExpect(jsonPath("$.items[0].url").isEmpty())
                .andExpect(jsonPath("$.items[0].anonymous").value(false))
                .andExpect(jsonPath("$.items[1].type").value("click"))
                .andExpect(jsonPath("$.items[1].email").value(org.hamcrest.Matchers.startsWith("ben@")))
                .andExpect(jsonPath("$.items[1].url").value(LINK))
                .andExpect(jsonPath("$.items[1].human").value(false))
                .andExpect(jsonPath("$.items[1].source").value("security_scanner"))
                .andExpect(jsonPath("$.items[1].rule").value("early-click"))
                .andExpect(jsonPath("$.items[2].type").value("click"))
                .andExpect(jsonPath("$.items[2].subscriberId").value(cleo.toString()))
                .andExpect(jsonPath("$.items[2].email").value(org.hamcrest.Matchers.startsWith("cleo@")))
                .andExpect(jsonPath("$.items[2].url").value(LINK))
                .andExpect(jsonPath("$.items[2].human").value(true))
                .andExpect(jsonPath("$.items[3].type").value("open"))
                .andExpect(jsonPath("$.items[3].anonymous").value(true))
                .andExpect(jsonPath("$.items[3].subscriberId").isEmpty())
                .andExpect(jsonPath("$.items[3].email").isEmpty());
    }

    @Test
    void typeFiltersOpensOrClicksAndPagesFollowTheirCursorToTheEnd() throws Exception {
        assertThat(types(all(null, 50))).containsExactly("open", "click", "click", "open");
        assertThat(types(all("click", 50))).containsExactly("click", "click");
        assertThat(types(all("open", 50))).containsExactly("open", "open");
        List<Map<String, Object>> oneByOne = all(null, 1);
        assertThat(oneByOne).extracting(m -> m.get("id")).containsExactlyElementsOf(all(null, 50).stream().map(m -> m.get("id")).toList());
        assertThat(types(all("click", 1))).containsExactly("click", "click");
    }

    @Test
    void badTypeCursorOrLimitIsAProblemAndAnotherClientsCampaignIsNotFound() throws Exception {
        String events = "/api/v1/campaigns/" + campaign.id() + "/events";
        mvc.perform(get(events).param("type", "bounce").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(get(events).param("cursor", "not-a-cursor").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isBadRequest());
        mvc.perform(get(events).param("limit", "0").header(HttpHeaders.AUTHORIZATION, key)).andExpect(status().isBadRequest());
        String farFuture = new org.optline.platform.Cursor(java.time.OffsetDateTime.parse("+99999-01-01T00:00Z"), UUID.randomUUID())
                .encode();
        mvc.perform(get(events).param("cursor", farFuture).header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(get(events + "/export.csv").param("type", "bounce").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith("application/problem+json"));

        String stranger = "Bearer " + Fixtures.client(clients, "Event Stranger").adminApiKey().secret();
        for (String path : List.of(events, events + "/export.csv")) {
            String theirs = mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, stranger))
                    .andExpect(status().isNotFound()).andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andReturn().getResponse().getContentAsString();
            String missing = mvc.perform(get(path.replace(campaign.id().toString(), UUID.randomUUID().toString()))
                    .header(HttpHeaders.AUTHORIZATION, stranger)).andExpect(status().isNotFound()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(withoutInstance(theirs)).isEqualTo(withoutInstance(missing));
            assertThat(theirs).doesNotContain("anna@").doesNotContain(LINK);
        }
    }

    @Test
    void theCsvExportStreamsEveryEventAcrossExportPages() throws Exception {
        // More than one export page (a thousand events a transaction) of one person's opens.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS).plusSeconds(60);
        List<TrackedEvent> many = new ArrayList<>();
        for (int i = 0; i < RecipientEvents.EXPORT_PAGE + 50; i++) {
            many.add(event(cleo, Kind.OPEN, -1, at.plusMillis(i / 3))); // three to a millisecond: ties broken by id
        }
        store(many);

        List<CsvRecord> rows = csv(null);
        assertThat(rows.get(0).getFields()).containsExactlyElementsOf(RecipientEvents.COLUMNS);
        List<CsvRecord> data = rows.subList(1, rows.size());
        assertThat(data).hasSize(4 + many.size());
        assertThat(new HashSet<>(data.stream().map(r -> r.getField(0)).toList())).as("each event once").hasSize(data.size());
        CsvRecord scanner = data.get(1);
        assertThat(scanner.getField(2)).isEqualTo("click");
        assertThat(scanner.getField(4)).startsWith("ben@");
        assertThat(scanner.getField(5)).isEqualTo("false");
        assertThat(scanner.getField(6)).isEqualTo(LINK);
        assertThat(scanner.getField(7)).isEqualTo("false");
        assertThat(scanner.getField(8)).isEqualTo("security_scanner");
        assertThat(scanner.getField(9)).isEqualTo("early-click");
        CsvRecord anonymous = data.get(3);
        assertThat(anonymous.getField(3)).isEmpty();
        assertThat(anonymous.getField(4)).isEmpty();
        assertThat(anonymous.getField(5)).isEqualTo("true");
        assertThat(data.subList(4, data.size())).allSatisfy(r -> assertThat(r.getField(4)).startsWith("cleo@"));

        List<CsvRecord> clicks = csv("click");
        assertThat(clicks).hasSize(3);
        assertThat(clicks.subList(1, 3)).allSatisfy(r -> assertThat(r.getField(2)).isEqualTo("click"));
    }

    private List<CsvRecord> csv(String type) throws Exception {
        var call = get("/api/v1/campaigns/" + campaign.id() + "/events/export.csv").header(HttpHeaders.AUTHORIZATION, key);
        if (type != null) {
            call.param("type", type);
        }
        MvcResult started = mvc.perform(call).andExpect(request().asyncStarted()).andReturn();
        String text = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, org.hamcrest.Matchers.startsWith("attachment;")))
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<CsvRecord> rows = new ArrayList<>();
        CsvReader.builder().ofCsvRecord(text).forEach(rows::add);
        return rows;
    }

    /** Every event, following the cursor page by page. */
    private List<Map<String, Object>> all(String type, int limit) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var call = get("/api/v1/campaigns/" + campaign.id() + "/events").param("limit", String.valueOf(limit))
                    .header(HttpHeaders.AUTHORIZATION, key);
            if (type != null) {
                call.param("type", type);
            }
            if (cursor != null) {
                call.param("cursor", cursor);
            }
            String body = mvc.perform(call).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            List<Map<String, Object>> page = JsonPath.read(body, "$.items");
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            items.addAll(page);
            cursor = JsonPath.read(body, "$.nextCursor");
        } while (cursor != null);
        return items;
    }

    private static List<Object> types(List<Map<String, Object>> items) {
        return items.stream().map(m -> m.get("type")).toList();
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("a tracking link in " + text).isTrue();
        return m.group(1);
    }

    /** The HTML part of a captured message, as the recipient reads it. */
    private static String html(OutboxMessage m) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(m.raw().getBytes(StandardCharsets.UTF_8)));
            var multipart = (MimeMultipart) message.getContent();
            return String.valueOf(multipart.getBodyPart(multipart.getCount() - 1).getContent());
        } catch (Exception e) {
            throw new AssertionError("not a MIME message", e);
        }
    }
}
