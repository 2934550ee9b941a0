package org.optline.compliance.standing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.StandingAlert;
import org.optline.compliance.StandingFigures;
import org.optline.compliance.StandingLevel;
import org.optline.delivery.MessagesSettled;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.inbound.InboundMail;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.platform.Actor;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.FeedbackReports;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Client standing end to end (docs/compliance.md, STANDARDS 13). The thresholds are scaled down
 * so a scripted campaign of a few dozen people crosses them: warn at 2 % and pause at 6 %
 * complaints, warn at 10 % and pause at 30 % hard bounces, rates acting from 20 messages (the
 * shipped defaults are pinned by {@code RatesTest}). Complaints arrive as ARF reports through the
 * inbound classifier, or as inbound's {@code ComplaintReceived} event where the test builds the
 * situation directly; sends come from the delivery worker through the capture outbox, or as
 * delivery's {@code MessagesSettled} event.
 */
@TestPropertySource(properties = {"optline.standing.complaint-warn=0.02", "optline.standing.complaint-pause=0.06",
        "optline.standing.hard-bounce-warn=0.1", "optline.standing.hard-bounce-pause=0.3",
        "optline.standing.minimum-sent=20", "optline.standing.campaign-minimum-sent=20"})
abstract class StandingContract {

    private static final Duration JUDGED = Duration.ofSeconds(20);

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Imports imports;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired InboundMail inbound;
    @Autowired ClientStandings standings;
    @Autowired StandingMonitor monitor;
    @Autowired ApplicationEventPublisher events;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    @Autowired MockMvc mvc;

    CreatedClient client;
    Actor admin;
    MailingList list;
    String domain;
    final List<UUID> people = new ArrayList<>();

    @BeforeEach
    void clientWithForty() {
        client = Fixtures.client(clients, "Standing");
        admin = Fixtures.admin(client);
        list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("standing.de");
        domains.add(admin, domain);
        for (int i = 0; i < 40; i++) {
            people.add(subscribers.save(admin, new SubscriberInput("p" + i + "@" + domain, "P" + i, Map.of(),
                    List.of(list.id()), null), false).subscriber().id());
        }
    }

    @Test
    void complaintsPastThePauseLinePauseTheClientOnTheirOwnAndTellTheOperator() throws Exception {
        Campaign sent = sendThroughTheWorker("Spring sale");
        List<OutboxMessage> messages = outbox.page(admin, null, 100).items().stream()
                .filter(m -> sent.id().equals(m.campaignId())).toList();
        assertThat(messages).hasSize(40);
        double alertsBefore = alertCount("client", "pause");

        // One complaint in 40 (2.5 %): flagged, still sending.
        assertThat(complainByArf(messages.get(0)).kind()).isEqualTo(MailKind.COMPLAINT);
        await().atMost(JUDGED).until(() -> hasAlert("client", StandingLevel.WARN));
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);

        // Three in 40 (7.5 %): past the pause line.
        complainByArf(messages.get(1));
        complainByArf(messages.get(2));
        await().atMost(JUDGED).until(() -> clients.standing(client.client().id()) == ClientStatus.PAUSED);

        String audited = scope.asPlatform(() -> jdbc.sql("select detail from audit_log where client_id = :c"
                + " and action = 'client.paused' and actor_label = 'standing'").param("c", client.client().id())
                .query(String.class).single());
        assertThat(audited).contains("Paused by the standing monitor", "Complaint rate 7.5 %", "40 sent", "3 complaints");
        await().atMost(JUDGED).until(() -> hasAlert("client", StandingLevel.PAUSE));
        assertThat(alertCount("client", "pause")).isEqualTo(alertsBefore + 1);
        assertThat(standings.alerts(Fixtures.operator(), 100)).filteredOn(a -> a.clientId().equals(client.client().id()))
                .extracting(StandingAlert::kind, StandingAlert::level)
                .contains(tuple("client", StandingLevel.PAUSE));

        // The operator's client API shows the figures beside the status it always showed.
        mvc.perform(get("/api/v1/clients/" + client.client().id()).header("Authorization", "Bearer " + Fixtures.OPERATOR_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("paused"))
                .andExpect(jsonPath("$.name").value("Standing"))
                .andExpect(jsonPath("$.standing.level").value("pause"))
                .andExpect(jsonPath("$.standing.sent").value(40))
                .andExpect(jsonPath("$.standing.complaints").value(3))
                .andExpect(jsonPath("$.standing.complaintRate").value(0.075))
                .andExpect(jsonPath("$.standing.thresholds.complaintPause").value(0.06))
                .andExpect(jsonPath("$.standing.campaigns[0].id").value(sent.id().toString()))
                .andExpect(jsonPath("$.standing.campaigns[0].complaints").value(3));

        // Nothing more goes out: a new campaign is refused while the client is paused.
        assertThat(clients.standing(client.client().id()).maySend()).isFalse();
    }

    @Test
    void pastTheWarningLineTheClientIsFlaggedButKeepsSending() throws Exception {
        Campaign draft = draft("Tips");
        settle(draft.id(), people, now());
        complain(draft.id(), people.get(0));
        await().atMost(JUDGED).until(() -> hasAlert("client", StandingLevel.WARN));

        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);
        assertThat(hasAlert("client", StandingLevel.PAUSE)).isFalse();
        assertThat(standings.lastLevel(client.client().id())).isEqualTo(StandingLevel.WARN);
        mvc.perform(get("/api/v1/standing").header("Authorization", "Bearer " + client.adminApiKey().secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.level").value("warn"))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.sent").value(40))
                .andExpect(jsonPath("$.complaints").value(1))
                .andExpect(jsonPath("$.reasons[0]").value("Complaint rate 2.5 % is at or above the warning line of 2 %."))
                .andExpect(jsonPath("$.windowDays").value(30));
    }

    @Test
    void underTheMinimumVolumeNothingActs() {
        Campaign draft = draft("Few");
        List<UUID> ten = people.subList(0, 10);
        settle(draft.id(), ten, now());
        ten.subList(0, 5).forEach(p -> complain(draft.id(), p));
        // The periodic round judges every client with figures; this one is under 20 messages.
        monitor.sweep();

        StandingFigures figures = standings.figures(client.client().id());
        assertThat(figures.window().complaints()).isEqualTo(5);
        assertThat(figures.window().complaintRate()).isEqualTo(0.5);
        assertThat(figures.window().level()).isEqualTo(StandingLevel.QUIET);
        assertThat(figures.campaigns()).singleElement().satisfies(c -> assertThat(c.rates().level()).isEqualTo(StandingLevel.QUIET));
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);
        assertThat(standings.lastLevel(client.client().id())).isEqualTo(StandingLevel.OK);
        assertThat(standings.ownAlerts(admin, 10)).isEmpty();
    }

    @Test
    void aCampaignWhoseFirstSendsCrossThePauseLineStopsItself() {
        // Enough earlier mail that the client's 30 days stay under the warning line.
        Campaign earlier = draft("Earlier");
        for (int round = 0; round < 15; round++) {
            settle(earlier.id(), people, now());
        }
        Campaign going = draft("Going");
        campaigns.send(admin, going.id(), null);
        assertThat(campaigns.get(admin, going.id()).status()).isEqualTo(CampaignStatus.SENDING);

        settle(going.id(), people.subList(0, 25), now());
        complain(going.id(), people.get(0));
        complain(going.id(), people.get(1));
        await().atMost(JUDGED).until(() -> campaigns.get(admin, going.id()).status() == CampaignStatus.PAUSED);

        Campaign stopped = campaigns.get(admin, going.id());
        assertThat(stopped.statusNote()).startsWith("Stopped by the standing monitor.")
                .contains("Complaint rate 8 % is at or above the pause line of 6 %", "25 sent");
        assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from audit_log where client_id = :c"
                + " and action = 'campaign.paused-by-standing'").param("c", client.client().id()).query(Long.class).single()))
                .isEqualTo(1);
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);
        await().atMost(JUDGED).until(() -> hasAlert("campaign", StandingLevel.PAUSE));
        // Stopped means stopped: the worker sends none of its messages.
        worker.runOnce();
        assertThat(outbox.page(admin, null, 100).items()).noneMatch(m -> going.id().equals(m.campaignId()));
    }

    @Test
    void aMessageThatReachesSomeoneAfterTheyUnsubscribedRaisesTheAlarm() {
        UUID leaver = people.get(3);
        OffsetDateTime before = now().minusMinutes(5);
        subscribers.unsubscribe(client.client().id(), leaver, new ConsentSource(ConsentChannel.ONE_CLICK, null, null, null, null));
        // The real path honours it: the next campaign does not reach them, and nothing is raised.
        Campaign next = sendThroughTheWorker("After");
        assertThat(outbox.page(admin, null, 100).items()).filteredOn(m -> next.id().equals(m.campaignId())).hasSize(39);
        // A message settled before they left is no late send either.
        settle(next.id(), List.of(leaver), before);
        assertThat(standings.figures(client.client().id()).unsubscribeLatency().lateSends()).isZero();
        double lateBefore = alertCount("late_send", "pause");

        // A forced late send: delivery reports a message to them after they left.
        settle(next.id(), List.of(leaver), now().plusSeconds(30));

        assertThat(alertCount("late_send", "pause")).isEqualTo(lateBefore + 1);
        var latency = standings.figures(client.client().id()).unsubscribeLatency();
        assertThat(latency.unsubscribes()).isEqualTo(1);
        assertThat(latency.peopleReachedLate()).isEqualTo(1);
        assertThat(latency.lateSends()).isEqualTo(1);
        assertThat(latency.longestSeconds()).isGreaterThanOrEqualTo(30);
        assertThat(standings.alerts(Fixtures.operator(), 100)).filteredOn(a -> a.clientId().equals(client.client().id()))
                .singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo("late_send");
                    assertThat(a.detail()).contains(leaver.toString(), "after they unsubscribed");
                });
    }

    @Test
    void anImportCannotBringBackSomeoneWhoLeftSoTheWatchOnThemStays() {
        UUID leaver = people.get(4);
        subscribers.unsubscribe(client.client().id(), leaver, new ConsentSource(ConsentChannel.ONE_CLICK, null, null, null, null));
        MailingList other = lists.create(admin, new Lists.ListInput("Offers", null, "single"));
        byte[] csv = ("email,name\np4@" + domain + ",P4\nnew@" + domain + ",New\n").getBytes(StandardCharsets.UTF_8);
        ImportJob job = imports.upload(admin, other.id(), "offers.csv", new ByteArrayInputStream(csv));
        imports.start(admin, job.id(), null, "Signed up for offers at the counter");
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(admin, job.id()).finished());
        assertThat(imports.get(admin, job.id())).satisfies(done -> {
            assertThat(done.rowsImported()).isEqualTo(1);
            assertThat(done.rowsSuppressed()).isEqualTo(1);
        });

        // The import's new person joined without touching the watch: a message to the leaver is still late.
        settle(draft("Offers").id(), List.of(leaver), now().plusSeconds(30));
        assertThat(standings.figures(client.client().id()).unsubscribeLatency().lateSends()).isEqualTo(1);
    }

    @Test
    void hardBouncesAtSendTimeAndByDsnCountWithTheirUnknownUsersAndPausePastTheirLine() {
        Campaign draft = draft("Old list");
        List<MessagesSettled.Recipient> delivered = people.subList(0, 30).stream()
                .map(id -> new MessagesSettled.Recipient(id, id + "@x", null)).toList();
        List<MessagesSettled.Recipient> refused = people.subList(30, 40).stream()
                .map(id -> new MessagesSettled.Recipient(id, id + "@x", "550 5.1.1 <" + id + "@x>: Recipient address rejected"))
                .toList();
        UUID clientId = client.client().id();
        scope.inClient(clientId, () -> events.publishEvent(new MessagesSettled(clientId, draft.id(), now(), delivered, refused)));
        // Later DSNs: one unknown user, one full mailbox (hard, not unknown), one soft bounce (not counted).
        bounce(draft.id(), people.get(0), true, "5.1.1", "550 5.1.1 User unknown");
        bounce(draft.id(), people.get(1), true, "5.2.2", "552 5.2.2 Mailbox full");
        bounce(draft.id(), people.get(2), false, "4.2.2", "452 4.2.2 Mailbox full");

        StandingFigures figures = standings.figures(clientId);
        assertThat(figures.window().sent()).isEqualTo(40);
        assertThat(figures.window().hardBounces()).isEqualTo(12);
        assertThat(figures.window().unknownUsers()).isEqualTo(11);
        assertThat(figures.window().hardBounceRate()).isEqualTo(0.3);
        assertThat(figures.campaigns()).singleElement().satisfies(c -> {
            assertThat(c.rates().hardBounces()).isEqualTo(12);
            assertThat(c.rates().unknownUsers()).isEqualTo(11);
        });
        // 30 % is the (scaled-down) pause line for hard bounces.
        await().atMost(JUDGED).until(() -> clients.standing(clientId) == ClientStatus.PAUSED);
        assertThat(figures.window().reasons()).containsExactly("Hard-bounce rate 30 % is at or above the pause line of 30 %.");
    }

    @Test
    void severalNodesJudgingTheSameClientAtOnceActOnce() throws Exception {
        UUID clientId = client.client().id();
        Campaign draft = draft("Raced");
        settle(draft.id(), people, now());
        complain(draft.id(), people.get(0));
        complain(draft.id(), people.get(1));
        complain(draft.id(), people.get(2));
        // The events' own checks run on the monitor's thread; four more callers stand in for other nodes.
        var pool = Executors.newFixedThreadPool(4);
        try {
            var start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    monitor.judge(clientId, List.of(draft.id()));
                    return null;
                }));
            }
            start.countDown();
            for (var run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(JUDGED).until(() -> clients.standing(clientId) == ClientStatus.PAUSED);
        monitor.sweep();
        assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from audit_log where client_id = :c and action = 'client.paused'")
                .param("c", clientId).query(Long.class).single())).isEqualTo(1);
        assertThat(standings.ownAlerts(admin, 50)).filteredOn(a -> a.kind().equals("client") && a.level() == StandingLevel.PAUSE)
                .hasSize(1);
    }

    @Test
    void eachClientSeesOnlyItsOwnStandingAndOperatorsUseTheClientApi() throws Exception {
        CreatedClient other = Fixtures.client(clients, "Other");
        Campaign draft = draft("Mine");
        settle(draft.id(), people, now());
        complain(draft.id(), people.get(0));

        mvc.perform(get("/api/v1/standing").header("Authorization", "Bearer " + other.adminApiKey().secret()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.sent").value(0))
                .andExpect(jsonPath("$.complaints").value(0)).andExpect(jsonPath("$.campaigns").isEmpty());
        mvc.perform(get("/api/v1/standing").header("Authorization", "Bearer " + Fixtures.OPERATOR_KEY))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/clients/" + client.client().id()).header("Authorization", "Bearer " + other.adminApiKey().secret()))
                .andExpect(status().isNotFound());
        assertThat(standings.ownAlerts(Fixtures.admin(other), 10)).isEmpty();
    }

    private Campaign draft(String name) {
        return campaigns.create(admin, new Campaigns.CampaignInput(name, "Hello", null, "Shop", "news@" + domain, null,
                "<p>Hi</p>", null, null, null, List.of(list.id())));
    }

    private Campaign sendThroughTheWorker(String name) {
        Campaign c = draft(name);
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        return c;
    }

    /** Delivery's report of a settled batch, published in a client transaction as delivery does. */
    private void settle(UUID campaignId, List<UUID> to, OffsetDateTime at) {
        List<MessagesSettled.Recipient> delivered = to.stream().map(id -> new MessagesSettled.Recipient(id, id + "@x", null)).toList();
        scope.inClient(client.client().id(),
                () -> events.publishEvent(new MessagesSettled(client.client().id(), campaignId, at, delivered, List.of())));
    }

    /** Inbound's report of a complaint, published in a client transaction as inbound does. */
    private void complain(UUID campaignId, UUID subscriberId) {
        scope.inClient(client.client().id(), () -> events.publishEvent(new ComplaintReceived(client.client().id(), campaignId,
                subscriberId, subscriberId + "@x", "abuse", "Test/1.0", now())));
    }

    /** Inbound's report of a DSN, published in a client transaction as inbound does. */
    private void bounce(UUID campaignId, UUID subscriberId, boolean hard, String status, String words) {
        scope.inClient(client.client().id(), () -> events.publishEvent(new BounceReceived(client.client().id(), campaignId,
                subscriberId, subscriberId + "@x", hard, status, words, hard, now())));
    }

    private InboundResult complainByArf(OutboxMessage original) {
        String arf = FeedbackReports.abuse("bounces.optline.local", original.recipient(), original.raw());
        return inbound.feedRaw(Fixtures.operator(), arf.getBytes(StandardCharsets.UTF_8));
    }

    private boolean hasAlert(String kind, StandingLevel level) {
        return standings.ownAlerts(admin, 50).stream().anyMatch(a -> a.kind().equals(kind) && a.level() == level);
    }

    private double alertCount(String kind, String level) {
        var counter = meters.find("optline.standing.alerts").tag("kind", kind).tag("level", level).counter();
        return counter == null ? 0 : counter.count();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
