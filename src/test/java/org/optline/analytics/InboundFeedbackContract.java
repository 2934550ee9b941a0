package org.optline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.analytics.webhooks.Webhooks;
import org.optline.audience.ActivityTimeline;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberActivity;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.MessagesSettled;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Bounces and complaints that come back by mail, as the inbound module publishes them (inside a
 * transaction in the client's scope), for a campaign really sent through the capture outbox: the
 * report (API and page), the reports list, the dashboard, the subscriber's timeline and the
 * webhook outbox must show exactly them, each person once, and nothing of another client's.
 */
abstract class InboundFeedbackContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired TenantScope scope;
    @Autowired ApplicationEventPublisher events;
    @Autowired CampaignReports reports;
    @Autowired CampaignSummaries summaries;
    @Autowired Dashboards dashboards;
    @Autowired ActivityTimeline timeline;
    @Autowired Webhooks webhooks;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    CreatedClient client;
    Actor admin;
    Campaign campaign;
    Map<String, UUID> people;
    OffsetDateTime t0;

    @BeforeEach
    void sendCampaign() {
        client = Fixtures.client(clients, "Bounced " + UUID.randomUUID());
        admin = Fixtures.admin(client);
        // Tests run the dispatcher themselves, so this public address is never called.
        webhooks.create(admin, new Webhooks.Input("https://93.184.215.14/hooks", List.of("bounced", "complained")));
        people = new LinkedHashMap<>();
        campaign = sent(admin, "bounced.de", List.of("ann", "bob", "cid", "dee"), people);
        // Reports come back after the send, seconds apart.
        t0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).plusSeconds(1);
    }

    /** A campaign sent to these people through the capture outbox. */
    Campaign sent(Actor owner, String base, List<String> names, Map<String, UUID> ids) {
        var list = lists.create(owner, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain(base);
        domains.add(owner, domain);
        for (String name : names) {
            ids.put(name, subscribers.save(owner, new SubscriberInput(name + "@" + domain, name, Map.of(), List.of(list.id()), null),
                    false).subscriber().id());
        }
        Campaign c = campaigns.create(owner, new Campaigns.CampaignInput("Autumn sale", "Hello", null, "Shop", "news@" + domain,
                null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(owner, c.id(), null);
        worker.runOnce();
        return c;
    }

    BounceReceived bounce(String person, boolean withCampaign, boolean hard, String status, long seconds) {
        return new BounceReceived(client.client().id(), withCampaign ? campaign.id() : null, people.get(person),
                person + "@example.test", hard, status, status + " the server's words", hard, t0.plusSeconds(seconds));
    }

    ComplaintReceived complaint(String person, boolean withCampaign, long seconds) {
        return new ComplaintReceived(client.client().id(), withCampaign ? campaign.id() : null, people.get(person),
                person + "@example.test", "abuse", "SomeGenerator/1.0", t0.plusSeconds(seconds));
    }

    /** As the inbound module publishes: inside the transaction that records the report, in the client's scope. */
    void publish(Object... reported) {
        scope.inClient(client.client().id(), () -> {
            for (Object event : reported) {
                events.publishEvent(event);
            }
        });
    }

    /**
     * ann: three soft bounces (one of them a repeat of the same report) and, without a campaign, a
     * soft bounce and a complaint; bob: a soft bounce, then a hard one; cid: the same complaint
     * twice; dee: refused at send time, then a DSN hard bounce for the same send.
     */
    void script() {
        BounceReceived annFirst = bounce("ann", true, false, "4.2.2", 1);
        publish(annFirst);
        publish(annFirst, bounce("ann", true, false, "4.4.7", 2));
        publish(bounce("bob", true, false, "4.4.1", 3));
        publish(bounce("bob", true, true, "5.1.1", 4));
        ComplaintReceived cid = complaint("cid", true, 5);
        publish(cid);
        publish(cid);
        publish(new MessagesSettled(client.client().id(), campaign.id(), t0.plusSeconds(6), List.of(),
                List.of(new MessagesSettled.Recipient(people.get("dee"), "dee@example.test", "550 5.1.1 unknown user"))));
        publish(bounce("dee", true, true, "5.1.1", 7));
        publish(bounce("ann", false, false, "4.2.1", 8), complaint("ann", false, 9));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportCountsEachPersonOnceWithAsyncHardBouncesAmongTheHardOnes() throws Exception {
        script();
        CampaignReport r = reports.report(admin, campaign.id());
        assertThat(r.delivered()).as("what receiving servers accepted, as before").isEqualTo(4);
        assertThat(r.bounced()).as("hard: bob (DSN) and dee (send time, once); soft: ann, bob moved to hard")
                .isEqualTo(new CampaignReport.Bounces(2, 1));
        assertThat(r.complaints()).isEqualTo(1);

        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/report")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bounced.hard").value(2)).andExpect(jsonPath("$.bounced.soft").value(1))
                .andExpect(jsonPath("$.complaints").value(1)).andExpect(jsonPath("$.delivered").value(4));

        assertThat(summaries.reported(admin)).singleElement()
                .satisfies(line -> assertThat(line.complaints()).isEqualTo(1));

        var started = mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/export?format=json")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret())).andReturn();
        String json = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(json, "$[?(@.softBouncedAt != null)].subscriberId"))
                .as("bob's soft bounce stays in his results; the report counts him as hard")
                .containsExactlyInAnyOrder(people.get("ann").toString(), people.get("bob").toString());
        assertThat((List<String>) JsonPath.read(json, "$[?(@.complainedAt != null)].subscriberId"))
                .containsExactly(people.get("cid").toString());
        assertThat((List<String>) JsonPath.read(json, "$[?(@.bouncedAt != null)].subscriberId"))
                .containsExactlyInAnyOrder(people.get("bob").toString(), people.get("dee").toString());
    }

    @Test
    void theDashboardCountsBouncesAndComplaintsPerDayWithThoseWithoutACampaign() {
        script();
        Dashboard d = dashboards.of(admin);
        assertThat(d.sent()).isEqualTo(4);
        assertThat(d.days().stream().mapToLong(Dashboard.Day::hardBounces).sum()).as("dee at send time, bob by DSN").isEqualTo(2);
        assertThat(d.days().stream().mapToLong(Dashboard.Day::softBounces).sum()).as("ann, bob, and ann without a campaign")
                .isEqualTo(3);
        assertThat(d.days().stream().mapToLong(Dashboard.Day::complaints).sum()).as("cid, and ann without a campaign")
                .isEqualTo(2);
        assertThat(d.bounceRate()).as("hard bounces over the 4 delivered and the 1 refused").isEqualTo(0.4);
        assertThat(d.complaintRate()).as("complaints over delivered").isEqualTo(0.5);
    }

    @Test
    void theTimelineShowsBouncesWithTheirStatusAndComplaintsWithTheirType() {
        script();
        assertThat(entries("bob")).extracting(SubscriberActivity.Entry::kind, SubscriberActivity.Entry::detail).containsExactly(
                tuple("bounced", "hard bounce 5.1.1 (reported by mail)"),
                tuple("bounced", "soft bounce 4.4.1"),
                tuple("sent", null));
        assertThat(entries("bob").get(0).at()).isEqualTo(t0.plusSeconds(4));
        assertThat(entries("ann")).filteredOn(e -> e.kind().equals("bounced")).singleElement().satisfies(e -> {
            assertThat(e.detail()).isEqualTo("soft bounce 4.2.2");
            assertThat(e.at()).isEqualTo(t0.plusSeconds(1));
            assertThat(e.campaign()).isEqualTo("Autumn sale");
        });
        assertThat(entries("cid")).extracting(SubscriberActivity.Entry::kind).containsExactly("complained", "sent");
        assertThat(entries("cid").get(0).detail()).isEqualTo("marked as unwanted (abuse)");
        assertThat(entries("dee")).filteredOn(e -> e.kind().equals("bounced")).extracting(SubscriberActivity.Entry::detail)
                .containsExactly("refused for good at send time");
    }

    @Test
    void bouncesAndComplaintsGoToTheWebhookOutboxOnePerReport() {
        script();
        List<Map<String, Object>> rows = scope.asPlatform(() -> jdbc.sql(
                        "select event_type, body from webhook_outbox where client_id = :c order by created_at")
                .param("c", client.client().id()).query((rs, n) -> Map.<String, Object>of("type", rs.getString("event_type"),
                        "body", rs.getString("body"))).list());
        assertThat(rows).filteredOn(m -> m.get("type").equals("bounced")).as("7 reports by mail, 1 refusal at send time").hasSize(8);
        assertThat(rows).filteredOn(m -> m.get("type").equals("complained")).hasSize(3);
        String bobHard = body(rows, "bounced", "$.data.status", "5.1.1", people.get("bob"));
        assertThat((Boolean) JsonPath.read(bobHard, "$.data.hard")).isTrue();
        assertThat((String) JsonPath.read(bobHard, "$.data.source")).isEqualTo("dsn");
        assertThat((String) JsonPath.read(bobHard, "$.data.campaignId")).isEqualTo(campaign.id().toString());
        assertThat((String) JsonPath.read(bobHard, "$.data.reply")).isEqualTo("5.1.1 the server's words");
        String annSoft = body(rows, "bounced", "$.data.status", "4.4.7", people.get("ann"));
        assertThat((Boolean) JsonPath.read(annSoft, "$.data.hard")).isFalse();
        String deeSent = body(rows, "bounced", "$.data.source", "send", people.get("dee"));
        assertThat((String) JsonPath.read(deeSent, "$.data.reply")).isEqualTo("550 5.1.1 unknown user");
        String annComplaint = body(rows, "complained", "$.data.feedbackType", "abuse", people.get("ann"));
        assertThat((String) JsonPath.read(annComplaint, "$.data.campaignId")).as("a complaint without a campaign").isNull();
        assertThat((String) JsonPath.read(annComplaint, "$.data.userAgent")).isEqualTo("SomeGenerator/1.0");
        assertThat((String) JsonPath.read(annComplaint, "$.type")).isEqualTo("complained");
    }

    @Test
    void aReportRolledBackWithItsTransactionLeavesNoFigureAndNoWebhook() {
        assertThatThrownBy(() -> scope.inClient(client.client().id(), () -> {
            events.publishEvent(bounce("bob", true, true, "5.1.1", 1));
            events.publishEvent(complaint("cid", true, 2));
            throw new IllegalStateException("the inbound transaction fails after its events");
        })).isInstanceOf(IllegalStateException.class);
        CampaignReport r = reports.report(admin, campaign.id());
        assertThat(r.bounced()).isEqualTo(new CampaignReport.Bounces(0, 0));
        assertThat(r.complaints()).isZero();
        assertThat(dashboards.of(admin).complaintRate()).isEqualTo(0.0);
        int outbox = scope.asPlatform(() -> jdbc.sql("select count(*) from webhook_outbox where client_id = :c")
                .param("c", client.client().id()).query(Integer.class).single());
        assertThat(outbox).isZero();
    }

    @Test
    void anotherClientsCampaignAndFiguresAreUntouched() {
        CreatedClient other = Fixtures.client(clients, "Other bounced " + UUID.randomUUID());
        Actor otherAdmin = Fixtures.admin(other);
        Campaign theirs = sent(otherAdmin, "other-bounced.de", List.of("zoe"), new LinkedHashMap<>());
        script();
        // A report under the other client's id that names this client's campaign changes neither.
        scope.inClient(other.client().id(), () -> events.publishEvent(new ComplaintReceived(other.client().id(), campaign.id(),
                people.get("ann"), "ann@example.test", "abuse", null, t0)));
        assertThat(reports.report(admin, campaign.id()).complaints()).isEqualTo(1);
        CampaignReport r = reports.report(otherAdmin, theirs.id());
        assertThat(r.bounced()).isEqualTo(new CampaignReport.Bounces(0, 0));
        assertThat(r.complaints()).isZero();
        Dashboard d = dashboards.of(otherAdmin);
        assertThat(d.days().stream().mapToLong(day -> day.hardBounces() + day.softBounces() + day.complaints()).sum()).isZero();
        assertThat(d.complaintRate()).isEqualTo(0.0);
    }

    @Test
    void theReportPageTheReportsListAndTheDashboardPrintTheFigures() throws Exception {
        script();
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        Document report = page(session, "/campaigns/" + campaign.id() + "/report");
        assertThat(report.selectFirst("[data-figure=bounced.hard]").text()).isEqualTo("2");
        assertThat(report.selectFirst("[data-figure=bounced.soft]").text()).isEqualTo("1");
        assertThat(report.selectFirst("[data-figure=complaints]").text()).isEqualTo("1");
        assertThat(report.getElementById("bounce-rate").text()).as("3 bounced of 4 sent").isEqualTo("75.0 %");
        assertThat(report.getElementById("complaint-rate").text()).as("1 of 4 delivered").isEqualTo("25.00 %");
        Document list = page(session, "/reports");
        assertThat(list.selectFirst("#reports-table tr.report-line .complaints").text()).isEqualTo("1");
        Document home = page(session, "/dashboard");
        assertThat(home.getElementById("complaint-rate").text()).isEqualTo("50.00 %");
        assertThat(home.getElementById("bounce-rate").text()).isEqualTo("40.00 %");
    }

    private List<SubscriberActivity.Entry> entries(String person) {
        return timeline.of(admin, people.get(person));
    }

    private Document page(MockHttpSession session, String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** A field of a body as text, null where the body has none. */
    private static String read(String body, String path) {
        try {
            Object value = JsonPath.read(body, path);
            return value == null ? null : value.toString();
        } catch (PathNotFoundException absent) {
            return null;
        }
    }

    /** The one body of this type whose field has this value, about this subscriber. */
    private static String body(List<Map<String, Object>> rows, String type, String path, String value, UUID subscriberId) {
        return rows.stream().filter(m -> m.get("type").equals(type)).map(m -> (String) m.get("body"))
                .filter(b -> value.equals(read(b, path)))
                .filter(b -> subscriberId.toString().equals(JsonPath.read(b, "$.data.subscriberId")))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + type + " with " + path + " = " + value);
                }).orElseThrow(() -> new AssertionError("no " + type + " with " + path + " = " + value));
    }
}
