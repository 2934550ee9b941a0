package org.optline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ActivityTimeline;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberActivity;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignEngagement;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.segment.Segments;
import org.optline.test.Fixtures;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEvent.Kind;
import org.optline.tracking.TrackedEvent.Source;
import org.optline.tracking.TrackedEventsListener;
import org.hamcrest.Matchers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted campaign: sent for real through the capture outbox, then known opens and clicks
 * handed to the listeners as tracking's writer hands them (inside one transaction per group),
 * and the report must show exactly them. On H2 and PostgreSQL.
 */
abstract class ReportContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired List<TrackedEventsListener> listeners;
    @Autowired TenantScope scope;
    @Autowired CampaignReports reports;
    @Autowired MockMvc mvc;
    @Autowired Segments segments;
    @Autowired ActivityTimeline timeline;
    @Autowired Dashboards dashboards;
    @Autowired CampaignSummaries summaries;
    @Autowired CampaignEngagement engagement;

    CreatedClient client;
    Actor admin;
    Campaign campaign;
    Map<String, UUID> people;
    OffsetDateTime t0;

    @BeforeEach
    void sendCampaign() {
        client = Fixtures.client(clients, "Reported");
        admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain("reported.de");
        domains.add(admin, domain);
        people = new java.util.LinkedHashMap<>();
        for (String name : List.of("ann", "bob", "cid", "dee")) {
            people.put(name, subscribers.save(admin, new SubscriberInput(name + "@reported.de", name, Map.of(),
                    List.of(list.id()), null), false).subscriber().id());
        }
        suppressions.add(admin, "dee@reported.de", "manual");
        campaign = campaigns.create(admin, new Campaigns.CampaignInput("Spring sale", "Hello", null, "Shop", "news@" + domain,
                null, "<p>Hi <a href=\"https://shop.example/a\">A</a> <a href=\"mailto:x@y.z\">mail</a>"
                        + " <a href=\"https://shop.example/b\">B</a></p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        t0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusDays(3);
    }

    TrackedEvent event(String person, Kind kind, int link, long minutes, Source source) {
        return new TrackedEvent(UUID.randomUUID(), client.client().id(), campaign.id(), person == null ? null : people.get(person),
                kind, link, t0.plusMinutes(minutes).toInstant(), source, source.human() ? "human" : "test-rule",
                person == null ? "other" : person.equals("ann") ? "google" : "microsoft");
    }

    /** As tracking's writer calls them: every listener, inside the transaction that stores the group. */
    void store(List<TrackedEvent> events) {
        scope.asPlatform(() -> listeners.forEach(l -> l.stored(events)));
    }

    void script() {
        List<TrackedEvent> first = new ArrayList<>(List.of(
                event("ann", Kind.OPEN, -1, 70, Source.HUMAN),
                event("ann", Kind.CLICK, 0, 71, Source.HUMAN),
                event("ann", Kind.CLICK, 0, 72, Source.HUMAN),
                event("bob", Kind.OPEN, -1, 5, Source.MAILBOX_PROXY),
                event("cid", Kind.CLICK, 1, 1, Source.SECURITY_SCANNER),
                event(null, Kind.OPEN, -1, 200, Source.HUMAN)));
        store(first);
        scripted.addAll(first);
        store(second());
        scripted.addAll(second());
    }

    private List<TrackedEvent> secondGroup;

    private List<TrackedEvent> second() {
        if (secondGroup != null) {
            return secondGroup;
        }
        return secondGroup = (List.of(
                event("ann", Kind.OPEN, -1, 130, Source.HUMAN),
                event("ann", Kind.CLICK, 1, 131, Source.HUMAN),
                event("bob", Kind.OPEN, -1, 140, Source.HUMAN),
                event("ann", Kind.OPEN, -1, 50 * 60 + 10, Source.HUMAN)));
    }

    /** Everyone the script made a hit for, as the direct computation sees them. */
    final List<TrackedEvent> scripted = new ArrayList<>();

    /** People with a human hit of this kind since {@code since}, computed straight from the script. */
    long direct(Kind kind, OffsetDateTime since, Integer link) {
        return scripted.stream().filter(e -> e.source().human() && e.subscriberId() != null && e.kind() == kind)
                .filter(e -> !e.at().isBefore(since.toInstant())).map(TrackedEvent::subscriberId).distinct().count();
    }

    long count(String expression) {
        return segments.count(admin, expression, 0).count();
    }

    @Test
    void engagementSegmentsCountAsTheScriptDirectly() {
        script();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime ever = OffsetDateTime.parse("2000-01-01T00:00Z");
        assertThat(count("opened within 30 days")).isEqualTo(direct(Kind.OPEN, now.minusDays(30), null)).isEqualTo(2);
        assertThat(count("opened within 2 days")).isEqualTo(direct(Kind.OPEN, now.minusDays(2), null)).isEqualTo(1);
        assertThat(count("clicked within 7 days")).isEqualTo(direct(Kind.CLICK, now.minusDays(7), null)).isEqualTo(1);
        assertThat(count("clicked within 1 day")).isEqualTo(direct(Kind.CLICK, now.minusDays(1), null)).isZero();
        assertThat(count("clicked campaign \"spring SALE\"")).isEqualTo(direct(Kind.CLICK, ever, null));
        assertThat(count("opened campaign \"Spring sale\"")).isEqualTo(direct(Kind.OPEN, ever, null));
        // Everyone but the suppressed address was sent the campaign; scanners' and proxies' hits count for nobody.
        assertThat(count("received campaign \"Spring sale\"")).isEqualTo(people.size() - 1);
        assertThat(count("never opened")).isEqualTo(people.size() - direct(Kind.OPEN, ever, null)).isEqualTo(2);
        assertThat(count("never clicked and received campaign \"Spring sale\"")).isEqualTo(2);
        assertThat(count("not clicked campaign \"Spring sale\" and received campaign \"Spring sale\"")).isEqualTo(2);
        assertThatThrownBy(() -> count("clicked campaign \"No such thing\""))
                .hasMessageContaining("there is no campaign named \"No such thing\"");
        // Another client's campaign of the same name is not this client's.
        CreatedClient other = Fixtures.client(clients, "Other segmenter");
        assertThatThrownBy(() -> segments.count(Fixtures.admin(other), "received campaign \"Spring sale\"", 0))
                .hasMessageContaining("there is no campaign named");
    }

    @Test
    void reportShowsExactlyTheScriptedOpensAndClicks() {
        script();
        CampaignReport r = reports.report(admin, campaign.id());
        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.delivered()).isEqualTo(3);
        assertThat(r.failed()).isZero();
        assertThat(r.opens()).isEqualTo(5);
        assertThat(r.uniqueOpens()).isEqualTo(2);
        assertThat(r.clicks()).isEqualTo(3);
        assertThat(r.uniqueClicks()).isEqualTo(1);
        assertThat(r.clickToOpen()).isEqualTo(0.5);
        assertThat(r.machineOpens()).isEqualTo(1);
        assertThat(r.machineClicks()).isEqualTo(1);
        assertThat(r.bounced()).isEqualTo(new CampaignReport.Bounces(0, 0));
        assertThat(r.links()).containsExactly(
                new CampaignReport.LinkFigures(0, "https://shop.example/a", 2, 1, 0),
                new CampaignReport.LinkFigures(1, "https://shop.example/b", 1, 1, 1));
        assertThat(r.providers()).extracting(CampaignReport.ProviderFigures::group).containsExactly("google", "microsoft", "other");
        assertThat(r.providers().get(0)).isEqualTo(new CampaignReport.ProviderFigures("google", 3, 1, 3, 1, 0, 0));
        assertThat(r.providers().get(1)).isEqualTo(new CampaignReport.ProviderFigures("microsoft", 1, 1, 0, 0, 1, 1));

        CampaignReport.Timeline timeline = r.timeline();
        // Events came in before the send was recorded (a scripted past): the chart starts at the first hour with one.
        OffsetDateTime start = t0.plusHours(1);
        assertThat(timeline.start()).isEqualTo(start);
        assertThat(timeline.hourly()).hasSize(48);
        assertThat(timeline.hourly().get(0)).isEqualTo(new CampaignReport.Hour(start, 1, 1, 2, 1));
        assertThat(timeline.hourly().get(1)).isEqualTo(new CampaignReport.Hour(start.plusHours(1), 2, 1, 1, 0));
        assertThat(timeline.hourly().get(2)).isEqualTo(new CampaignReport.Hour(start.plusHours(2), 1, 0, 0, 0));
        assertThat(timeline.hourly().stream().mapToLong(CampaignReport.Hour::opens).sum()).isEqualTo(4);
        assertThat(timeline.daily()).isNotEmpty();
        assertThat(timeline.daily().get(0).day()).isEqualTo(start.plusHours(48).toLocalDate());
        assertThat(timeline.daily().stream().mapToLong(CampaignReport.Day::opens).sum()).isEqualTo(1);
    }

    @Test
    void anUnsubscribeCountsForTheLastCampaignSentToThePerson() {
        subscribers.unsubscribe(client.client().id(), people.get("bob"), new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        assertThat(reports.report(admin, campaign.id()).unsubscribes()).isEqualTo(1);
        subscribers.unsubscribe(client.client().id(), people.get("bob"), new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        assertThat(reports.report(admin, campaign.id()).unsubscribes()).isEqualTo(1);
    }

    @Test
    void theApiAnswersTheReportUnderItsDocumentedNames() throws Exception {
        script();
        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/report")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sent").value(3)).andExpect(jsonPath("$.delivered").value(3))
                .andExpect(jsonPath("$.uniqueOpens").value(2)).andExpect(jsonPath("$.uniqueClicks").value(1))
                .andExpect(jsonPath("$.clickToOpen").value(0.5)).andExpect(jsonPath("$.machineOpens").value(1))
                .andExpect(jsonPath("$.bounced.hard").value(0)).andExpect(jsonPath("$.links[0].url").value("https://shop.example/a"))
                .andExpect(jsonPath("$.timeline.hourly.length()").value(48))
                .andExpect(jsonPath("$.providers[0].group").value("google"));
        CreatedClient other = Fixtures.client(clients, "Other reader");
        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/report")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + other.adminApiKey().secret()))
                .andExpect(status().isNotFound());
    }


    @Test
    void perRecipientResultsExportAsCsvAndJson() throws Exception {
        script();
        String key = "Bearer " + client.adminApiKey().secret();
        var started = mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/export?format=csv").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(request().asyncStarted()).andReturn();
        String csv = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("subscriber_id,email,sent_at,bounced_at,opens,first_open_at,last_open_at,clicks,"
                + "first_click_at,last_click_at,unsubscribed_at,soft_bounced_at,complained_at");
        assertThat(lines).hasSize(4); // ann, bob, cid: the suppressed address was never sent
        String ann = lines.stream().filter(l -> l.contains("ann@reported.de")).findFirst().orElseThrow();
        assertThat(ann.split(",")[4]).isEqualTo("3");
        assertThat(ann.split(",")[7]).isEqualTo("3");
        String cid = lines.stream().filter(l -> l.contains("cid@reported.de")).findFirst().orElseThrow();
        assertThat(cid.split(",")[7]).as("a scanner's click is nobody's").isEqualTo("0");

        started = mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/export?format=json").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(request().asyncStarted()).andReturn();
        String json = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> items = JsonMapper.builder().build().readValue(json, new TypeReference<>() {});
        assertThat(items).hasSize(3).extracting(m -> m.get("email")).contains("ann@reported.de", "bob@reported.de", "cid@reported.de");
        assertThat(items).filteredOn(m -> "bob@reported.de".equals(m.get("email"))).first()
                .satisfies(m -> assertThat(m).containsEntry("opens", 1).containsEntry("clicks", 0).containsEntry("firstClickAt", null));

        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/export?format=xml").header(HttpHeaders.AUTHORIZATION, key))
                .andExpect(status().isBadRequest());
        CreatedClient other = Fixtures.client(clients, "Other exporter");
        mvc.perform(get("/api/v1/campaigns/" + campaign.id() + "/export?format=csv")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + other.adminApiKey().secret()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSubscribersTimelineShowsWhatTheyWereSentAndDid() throws Exception {
        script();
        subscribers.unsubscribe(client.client().id(), people.get("bob"), new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        List<SubscriberActivity.Entry> bob = timeline.of(admin, people.get("bob"));
        assertThat(bob).extracting(SubscriberActivity.Entry::kind).containsExactly("unsubscribed", "sent", "opened");
        assertThat(bob.get(1).campaign()).isEqualTo("Spring sale");
        mvc.perform(get("/api/v1/subscribers/" + people.get("ann") + "/export")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activity[*].kind", Matchers.containsInAnyOrder("sent", "opened", "clicked")))
                .andExpect(jsonPath("$.activity[?(@.kind == 'opened')].detail").value(Matchers.hasItem(
                        Matchers.startsWith("3 times"))));
        // A scanner's click made cid no clicker.
        assertThat(timeline.of(admin, people.get("cid"))).extracting(SubscriberActivity.Entry::kind).containsExactly("sent");
    }

    @Test
    void theDashboardShowsTheAudienceTheLastCampaignsAndThirtyDayRates() {
        script();
        subscribers.unsubscribe(client.client().id(), people.get("bob"), new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        Dashboard d = dashboards.of(admin);
        assertThat(d.audienceSize()).isEqualTo(4);
        assertThat(d.joined()).isEqualTo(4);
        assertThat(d.days()).hasSize(Dashboard.DAYS);
        assertThat(d.days().stream().mapToLong(Dashboard.Day::joined).sum()).isEqualTo(4);
        assertThat(d.sent()).isEqualTo(3);
        assertThat(d.unsubscribed()).isEqualTo(1);
        assertThat(d.unsubscribeRate()).isEqualTo(0.3333);
        assertThat(d.bounceRate()).isEqualTo(0.0);
        assertThat(d.campaigns()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Spring sale");
            assertThat(c.delivered()).isEqualTo(3);
            assertThat(c.openRate()).isEqualTo(0.6667);
            assertThat(c.clickRate()).isEqualTo(0.3333);
        });
    }

    @Test
    void theReportsListShowsCampaignsThatWentOutWithTheirFiguresAndTheCampaignListTheSameRates() {
        script();
        subscribers.unsubscribe(client.client().id(), people.get("bob"), new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        Campaign draft = campaigns.create(admin, new Campaigns.CampaignInput("Next one", "Hi", null, "Shop",
                campaign.fromEmail(), null, "<p>Soon</p>", null, null, null, campaign.listIds()));
        assertThat(summaries.reported(admin)).as("drafts have no report").singleElement().satisfies(line -> {
            assertThat(line.id()).isEqualTo(campaign.id());
            assertThat(line.name()).isEqualTo("Spring sale");
            assertThat(line.status()).isIn("sent", "sending");
            assertThat(line.sentAt()).isNotNull();
            assertThat(line.recipients()).isEqualTo(3); // the suppressed address is skipped
            assertThat(line.delivered()).isEqualTo(3);
            assertThat(line.uniqueOpens()).isEqualTo(2);
            assertThat(line.uniqueClicks()).isEqualTo(1);
            assertThat(line.openRate()).isEqualTo(0.6667);
            assertThat(line.clickRate()).isEqualTo(0.3333);
            assertThat(line.unsubscribes()).isEqualTo(1);
        });
        // The campaign list's port: one read for any number of campaigns, people only, nothing for a draft.
        assertThat(engagement.of(client.client().id(), List.of(campaign.id(), draft.id())))
                .containsExactly(Map.entry(campaign.id(), new CampaignEngagement.Engagement(2, 1)));

        CreatedClient other = Fixtures.client(clients, "Other reader");
        assertThat(summaries.reported(Fixtures.admin(other))).isEmpty();
        assertThat(engagement.of(other.client().id(), List.of(campaign.id()))).as("another client's campaign").isEmpty();
    }
}
