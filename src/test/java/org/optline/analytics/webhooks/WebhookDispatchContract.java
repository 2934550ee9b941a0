package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionsStarted;
import org.optline.campaign.Campaigns;
import org.optline.delivery.MessagesSettled;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.optline.test.StepClock;
import org.optline.test.Fixtures;
import org.optline.tracking.TrackedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox and its dispatcher on a real database (H2 and PostgreSQL): events are written with
 * what caused them, claimed by lease, POSTed to a local receiver signed as Standard Webhooks says
 * (verified here with javax.crypto alone), retried with backoff on a clock the test moves, and
 * given up after 24 hours. The application's settings allow internal addresses, so the receiver
 * on 127.0.0.1 is a valid endpoint.
 */
abstract class WebhookDispatchContract {

    @Autowired Clients clients;
    @Autowired Webhooks webhooks;
    @Autowired Subscribers subscribers;
    @Autowired Lists lists;
    @Autowired WebhookOutboxStore outbox;
    @Autowired WebhookEndpointStore endpoints;
    @Autowired WebhookSender sender;
    @Autowired WebhookSources sources;
    @Autowired WebhookProperties settings;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;

    final StepClock clock = new StepClock();
    Receiver receiver;
    WebhookDispatcher dispatcher;
    CreatedClient client;
    Actor admin;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new Receiver();
        dispatcher = new WebhookDispatcher(outbox, endpoints, sender, scope, clock, settings);
        client = Fixtures.client(clients, "Hooks " + UUID.randomUUID());
        admin = Fixtures.admin(client);
    }

    @AfterEach
    void tearDown() {
        dispatcher.stop();
        receiver.close();
    }

    /** Runs the dispatcher until nothing is due on its clock. */
    void deliverDue() {
        for (int i = 0; i < 50 && dispatcher.runOnce() > 0; i++) {
            // every due row gets its attempt
        }
    }

    WebhookEndpoint.Created endpoint(String... types) {
        return webhooks.create(admin, new Webhooks.Input(receiver.url(), List.of(types)));
    }

    UUID subscribe(String email) {
        var list = lists.create(admin, new Lists.ListInput("News " + UUID.randomUUID(), null, "single"));
        return subscribers.save(admin, new SubscriberInput(email, "Ann", Map.of(), List.of(list.id()), null), false)
                .subscriber().id();
    }

    List<WebhookAttempt> log(UUID endpointId) {
        return webhooks.deliveries(admin, endpointId, null, 200).items();
    }

    int waiting(UUID endpointId) {
        return scope.inClient(client.client().id(), () -> outbox.waiting(client.client().id(), endpointId));
    }

    @Test
    void aSubscriptionReachesTheEndpointSignedAndIsLoggedAsDelivered() throws Exception {
        WebhookEndpoint.Created created = endpoint("subscribed", "unsubscribed");
        UUID subscriberId = subscribe("ann@hooks.test");
        assertThat(waiting(created.endpoint().id())).isEqualTo(1);

        deliverDue();

        assertThat(receiver.requests).hasSize(1);
        Receiver.Request request = receiver.requests.get(0);
        Receiver.assertSignedBy(created.secret(), request);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(Long.parseLong(request.header("webhook-timestamp"))).isCloseTo(clock.instant().getEpochSecond(), within(5L));
        assertThat((String) JsonPath.read(request.body(), "$.type")).isEqualTo("subscribed");
        assertThat((String) JsonPath.read(request.body(), "$.data.email")).isEqualTo("ann@hooks.test");
        assertThat((String) JsonPath.read(request.body(), "$.data.subscriberId")).isEqualTo(subscriberId.toString());
        assertThat((String) JsonPath.read(request.body(), "$.data.source")).isEqualTo("api");
        assertThat(OffsetDateTime.parse(JsonPath.read(request.body(), "$.timestamp"))).isNotNull();
        assertThat(waiting(created.endpoint().id())).isZero();
        List<WebhookAttempt> log = log(created.endpoint().id());
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.outcome()).isEqualTo("delivered");
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.type()).isEqualTo("subscribed");
            assertThat(a.messageId().toString()).isEqualTo(request.header("webhook-id"));
        });

        subscribers.unsubscribe(client.client().id(), subscriberId, new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        deliverDue();
        assertThat(receiver.requests).hasSize(2);
        assertThat((String) JsonPath.read(receiver.requests.get(1).body(), "$.type")).isEqualTo("unsubscribed");
        assertThat((String) JsonPath.read(receiver.requests.get(1).body(), "$.data.source")).isEqualTo("unsubscribe");
        Receiver.assertSignedBy(created.secret(), receiver.requests.get(1));
    }

    @Test
    void erasingASubscriberDeletesTheWaitingEventsThatCarryTheAddress() {
        WebhookEndpoint.Created created = endpoint("subscribed");
        UUID erased = subscribe("Fay_Doe@Hooks.test");
        subscribe("fay.doe@hooks.test");
        subscribe("fayxdoe@hooks.test");
        assertThat(waiting(created.endpoint().id())).isEqualTo(3);

        subscribers.erase(admin, erased, "asked to be forgotten");
        assertThat(waiting(created.endpoint().id())).as("the '_' matches itself only").isEqualTo(2);
        deliverDue();
        assertThat(receiver.requests).extracting(r -> (String) JsonPath.read(r.body(), "$.data.email"))
                .containsExactlyInAnyOrder("fay.doe@hooks.test", "fayxdoe@hooks.test");
    }

    @Test
    void aFailingReceiverIsTriedAgainAfterTheBackoffWithTheSameIdAndBody() throws Exception {
        receiver.answering(500, 503);
        WebhookEndpoint.Created created = endpoint("subscribed");
        subscribe("bob@hooks.test");

        deliverDue();
        assertThat(receiver.requests).hasSize(1);
        assertThat(log(created.endpoint().id())).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(500);
            assertThat(a.outcome()).isEqualTo("retrying");
        });
        deliverDue();
        assertThat(receiver.requests).as("nothing is due before the backoff has passed").hasSize(1);

        clock.advance(settings.backoff(1));
        deliverDue();
        assertThat(receiver.requests).hasSize(2);
        clock.advance(settings.backoff(2).dividedBy(2));
        deliverDue();
        assertThat(receiver.requests).as("the second wait is twice the first").hasSize(2);
        clock.advance(settings.backoff(2).dividedBy(2));
        deliverDue();

        assertThat(receiver.requests).hasSize(3);
        assertThat(receiver.requests).extracting(r -> r.header("webhook-id")).containsOnly(receiver.requests.get(0).header("webhook-id"));
        assertThat(receiver.requests).extracting(Receiver.Request::body).containsOnly(receiver.requests.get(0).body());
        for (Receiver.Request r : receiver.requests) {
            Receiver.assertSignedBy(created.secret(), r);
        }
        assertThat(log(created.endpoint().id())).extracting(WebhookAttempt::attempt, WebhookAttempt::statusCode, WebhookAttempt::outcome)
                .containsExactly(tuple(3, 200, "delivered"),
                        tuple(2, 503, "retrying"),
                        tuple(1, 500, "retrying"));
        assertThat(waiting(created.endpoint().id())).isZero();
    }

    @Test
    void anEndpointThatNeverAnswers2xxIsGivenUpAfterADay() {
        WebhookEndpoint.Created created = endpoint("subscribed");
        subscribe("carl@hooks.test");
        Instant start = clock.instant();
        for (int i = 0; i < 100 && waiting(created.endpoint().id()) > 0; i++) {
            receiver.answering(500);
            deliverDue();
            clock.advance(settings.maxBackoff());
        }
        List<WebhookAttempt> log = log(created.endpoint().id());
        assertThat(waiting(created.endpoint().id())).isZero();
        assertThat(log.get(0).outcome()).isEqualTo("failed");
        assertThat(log.subList(1, log.size())).extracting(WebhookAttempt::outcome).containsOnly("retrying");
        assertThat(log.get(0).at().toInstant()).isBefore(start.plus(settings.giveUpAfter()))
                .isAfter(start.plus(settings.giveUpAfter()).minus(settings.maxBackoff()).minusSeconds(1));
        assertThat(log).hasSize(receiver.requests.size());
    }

    @Test
    void anImportSizedSubscriptionQueuesOneEventPerPersonAndEndpointInTimeOrder() {
        UUID first = endpoint("subscribed").endpoint().id();
        UUID second = endpoint("subscribed", "clicked").endpoint().id();
        List<SubscriptionsStarted.Joined> joined = new ArrayList<>();
        for (int i = 0; i < SqlArrays.MAX_ELEMENTS + 7; i++) { // more than one slice
            joined.add(new SubscriptionsStarted.Joined(UUID.randomUUID(), "p" + i + "@hooks.test", true));
        }
        UUID listId = UUID.randomUUID();
        try {
            scope.inClient(client.client().id(), () -> events.publishEvent(new SubscriptionsStarted(client.client().id(),
                    listId, joined, "import", OffsetDateTime.now(ZoneOffset.UTC))));

            assertThat(waiting(first)).isEqualTo(joined.size());
            assertThat(waiting(second)).isEqualTo(joined.size());
            List<UUID> ids = scope.asPlatform(() -> jdbc.sql("select id from webhook_outbox where endpoint_id = :e")
                    .param("e", first).query(UUID.class).list());
            assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        } finally {
            // Nobody receives these: they would take the other tests' dispatcher runs.
            scope.asPlatform(() -> jdbc.sql("delete from webhook_outbox where client_id = :c").param("c", client.client().id())
                    .update());
        }
    }

    @Test
    void aClientWithoutAnEndpointForTheTypeWritesNoRow() {
        endpoint("clicked");
        int before = jdbc.sql("select count(*) from webhook_outbox where client_id = :c").param("c", client.client().id())
                .query(Integer.class).single();
        subscribe("dora@hooks.test");
        int after = scope.asPlatform(() -> jdbc.sql("select count(*) from webhook_outbox where client_id = :c")
                .param("c", client.client().id()).query(Integer.class).single());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void humanOpensAndClicksAreQueuedMachineOnesAreNot() {
        WebhookEndpoint.Created created = endpoint("opened", "clicked");
        UUID clientId = client.client().id();
        UUID campaignId = UUID.randomUUID();
        UUID subscriberId = UUID.randomUUID();
        Instant at = clock.instant();
        List<TrackedEvent> hits = List.of(
                new TrackedEvent(UUID.randomUUID(), clientId, campaignId, subscriberId, TrackedEvent.Kind.OPEN, -1, at,
                        TrackedEvent.Source.HUMAN, "human", "other"),
                new TrackedEvent(UUID.randomUUID(), clientId, campaignId, subscriberId, TrackedEvent.Kind.OPEN, -1, at,
                        TrackedEvent.Source.MAILBOX_PROXY, "apple-mpp", "other"),
                new TrackedEvent(UUID.randomUUID(), clientId, campaignId, subscriberId, TrackedEvent.Kind.CLICK, 2, at,
                        TrackedEvent.Source.HUMAN, "human", "other"),
                new TrackedEvent(UUID.randomUUID(), clientId, campaignId, null, TrackedEvent.Kind.CLICK, 0, at,
                        TrackedEvent.Source.SECURITY_SCANNER, "head-request", "other"));
        scope.asPlatform(() -> sources.stored(hits)); // tracking stores groups of several clients in the platform scope
        assertThat(waiting(created.endpoint().id())).isEqualTo(2);

        deliverDue();
        assertThat(receiver.requests).extracting(r -> (String) JsonPath.read(r.body(), "$.type"))
                .containsExactlyInAnyOrder("opened", "clicked");
        Receiver.Request click = receiver.requests.stream().filter(r -> r.body().contains("\"clicked\"")).findFirst().orElseThrow();
        assertThat((Integer) JsonPath.read(click.body(), "$.data.link")).isEqualTo(2);
        assertThat((String) JsonPath.read(click.body(), "$.data.campaignId")).isEqualTo(campaignId.toString());
    }

    @Test
    void aSettledBatchQueuesItsDeliveriesAndBouncesInItsOwnTransaction() {
        WebhookEndpoint.Created created = endpoint("delivered", "bounced");
        UUID clientId = client.client().id();
        UUID campaignId = UUID.randomUUID();
        List<MessagesSettled.Recipient> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delivered.add(new MessagesSettled.Recipient(UUID.randomUUID(), "p" + i + "@hooks.test", null));
        }
        var bounced = List.of(new MessagesSettled.Recipient(UUID.randomUUID(), "gone@hooks.test", "550 5.1.1 no such user"));
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            scope.inClient(clientId, () -> {
                events.publishEvent(new MessagesSettled(clientId, campaignId, at, delivered, bounced));
                throw new IllegalStateException("the settlement fails after its event");
            });
        } catch (IllegalStateException expected) {
            // rolled back, with the outbox rows
        }
        assertThat(waiting(created.endpoint().id())).isZero();

        scope.inClient(clientId, () -> events.publishEvent(new MessagesSettled(clientId, campaignId, at, delivered, bounced)));
        assertThat(waiting(created.endpoint().id())).isEqualTo(4);
        deliverDue();
        assertThat(receiver.requests).extracting(r -> (String) JsonPath.read(r.body(), "$.type"))
                .containsExactlyInAnyOrder("delivered", "delivered", "delivered", "bounced");
        Receiver.Request bounce = receiver.requests.stream().filter(r -> r.body().contains("\"bounced\"")).findFirst().orElseThrow();
        assertThat((String) JsonPath.read(bounce.body(), "$.data.reply")).isEqualTo("550 5.1.1 no such user");
        assertThat((String) JsonPath.read(bounce.body(), "$.data.email")).isEqualTo("gone@hooks.test");
    }

    @Test
    void aSentCampaignsDeliveriesReachTheEndpointFromTheSettlement() {
        WebhookEndpoint.Created created = endpoint("delivered");
        var list = lists.create(admin, new Lists.ListInput("Readers", null, "single"));
        String domain = Fixtures.domain("hooks-shop.de");
        domains.add(admin, domain);
        for (int i = 0; i < 3; i++) {
            subscribers.save(admin, new SubscriberInput("reader" + i + "@hooks-shop.de", null, Map.of(), List.of(list.id()), null), false);
        }
        var campaign = campaigns.create(admin, new Campaigns.CampaignInput("Weekly", "Hello", null, "Shop", "news@" + domain,
                null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        assertThat(waiting(created.endpoint().id())).isEqualTo(3);

        deliverDue();
        assertThat(receiver.requests).extracting(r -> (String) JsonPath.read(r.body(), "$.data.email"))
                .containsExactlyInAnyOrder("reader0@hooks-shop.de", "reader1@hooks-shop.de", "reader2@hooks-shop.de");
        assertThat(receiver.requests).extracting(r -> (String) JsonPath.read(r.body(), "$.data.campaignId"))
                .containsOnly(campaign.id().toString());
    }

    @Test
    void aClaimIsTheNodesUntilItsLeaseEndsAndRowsOfADeletedEndpointAreDropped() {
        WebhookEndpoint.Created created = endpoint("subscribed");
        subscribe("eve@hooks.test");
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<WebhookOutboxStore.Claimed> first = scope.asPlatform(() -> outbox.claim("node-a", 1000, now, now.plus(settings.lease()),
                scope.isPostgres()));
        assertThat(first).extracting(WebhookOutboxStore.Claimed::endpointId).contains(created.endpoint().id());
        List<WebhookOutboxStore.Claimed> second = scope.asPlatform(() -> outbox.claim("node-b", 1000, now, now.plus(settings.lease()),
                scope.isPostgres()));
        assertThat(second).extracting(WebhookOutboxStore.Claimed::id).doesNotContainAnyElementsOf(first.stream().map(WebhookOutboxStore.Claimed::id).toList());

        // node-a died: after its lease another node takes the row, and finds the endpoint deleted meanwhile.
        scope.inClient(client.client().id(), () -> jdbc.sql("delete from webhook_endpoints where id = :id")
                .param("id", created.endpoint().id()).update());
        clock.advance(settings.lease().plusSeconds(1));
        deliverDue();
        assertThat(receiver.requests).isEmpty();
        assertThat(waiting(created.endpoint().id())).isZero();
    }

    @Test
    void theTestEventGoesThroughTheOutboxToThatEndpointOnly() throws Exception {
        WebhookEndpoint.Created created = endpoint("complained");
        UUID messageId = webhooks.sendTest(admin, created.endpoint().id());
        deliverDue();
        assertThat(receiver.requests).singleElement().satisfies(r -> {
            assertThat(r.header("webhook-id")).isEqualTo(messageId.toString());
            assertThat((String) JsonPath.read(r.body(), "$.type")).isEqualTo("test");
        });
        Receiver.assertSignedBy(created.secret(), receiver.requests.get(0));
        assertThat(log(created.endpoint().id())).singleElement().extracting(WebhookAttempt::type).isEqualTo("test");
    }
}
