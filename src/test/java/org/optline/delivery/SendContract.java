package org.optline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optline.campaign.SendState.DEFERRED;
import static org.optline.campaign.SendState.FAILED;
import static org.optline.campaign.SendState.QUEUED;
import static org.optline.campaign.SendState.SENDING;
import static org.optline.campaign.SendState.SENT;
import static org.optline.campaign.SendState.SUPPRESSED;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.RecipientSelection;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberOptedOut;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignDispatch;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendProgress;
import org.optline.campaign.WebVersions;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.delivery.queue.SendQueueStore;
import org.optline.platform.Actor;
import org.optline.platform.ClientStandingException;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sending a campaign through the capture transport, on H2 and PostgreSQL. */
abstract class SendContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired CampaignDispatch dispatch;
    @Autowired WebVersions webVersions;
    @Autowired Outbox outbox;
    @Autowired DeliveryWorker worker;
    @Autowired Verp verp;
    @Autowired ReplyAddresses replyAddresses;
    @Autowired SendingDomains domains;
    @Autowired ApplicationEventPublisher events;
    @Autowired SendProgress progress;
    @Autowired SendQueueStore queue;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    Actor admin;
    MailingList news;
    String domain;

    private String adminEmail() {
        return admin.label();
    }

    @BeforeEach
    void aListOfTwentyFive() {
        admin = Fixtures.admin(Fixtures.client(clients, "Sender"));
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("shoehaus.de");
        domains.add(admin, domain);
        for (int i = 0; i < 25; i++) {
            subscribers.save(admin, new SubscriberInput("reader" + i + "@shoehaus.de", "Reader " + i, Map.of(), List.of(news.id()), null), false);
        }
    }

    private Campaign campaign() {
        return campaigns.create(admin, new Campaigns.CampaignInput("Weekly", "Hello {{name}}", null, "Shoehaus", "news@" + domain,
                "help@shoehaus.de", "<p>Hi {{name}}</p>", null, null, null, List.of(news.id())));
    }

    /** Fills the campaign's send queue as the worker would; answers the time it did. */
    private OffsetDateTime fillQueue(Campaign c) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        RecipientSelection recipients = dispatch.recipients(admin.clientId(), c.id());
        scope.inClient(admin.clientId(), () -> queue.materialize(admin.clientId(), c.id(), recipients, now));
        return now;
    }

    /** A claim of up to {@code limit} rows at {@code at}, with a ten-minute lease. */
    private SendQueueStore.Claim claim(Campaign c, String token, int limit, OffsetDateTime at) {
        return scope.inClient(admin.clientId(),
                () -> queue.claim(admin.clientId(), c.id(), token, limit, at, at.plusMinutes(10)));
    }

    /** Settles a claim as the worker would, at {@code at}, with the default retry age of three days. */
    private boolean settle(Campaign c, SendQueueStore.Claim claim, SendQueueStore.Settlement outcome, OffsetDateTime at) {
        return settle(c, claim, outcome, at, at.minusDays(3));
    }

    private boolean settle(Campaign c, SendQueueStore.Claim claim, SendQueueStore.Settlement outcome, OffsetDateTime at,
                           OffsetDateTime expiredBefore) {
        return scope.inClient(admin.clientId(), () -> queue.settle(admin.clientId(), c.id(), claim, outcome, at, expiredBefore));
    }

    /** An outcome where these were accepted and nothing else happened; {@code handBack}: the claim goes back. */
    private static SendQueueStore.Settlement onlyAccepted(List<UUID> accepted, boolean handBack) {
        return new SendQueueStore.Settlement(accepted, List.of(), List.of(), List.of(), List.of(), null, handBack);
    }

    /** A message's parts, text then HTML, as the recipient reads them: quoted-printable undone. */
    private static String decodedBody(String raw) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            var parts = (MimeMultipart) message.getContent();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                all.append(parts.getBodyPart(i).getContent());
            }
            return all.toString();
        } catch (MessagingException | IOException e) {
            throw new AssertionError("not a MIME message", e);
        }
    }

    private List<OutboxMessage> sentFor(Campaign c) {
        return outbox.page(admin, null, 200).items().stream().filter(m -> c.id().equals(m.campaignId())).toList();
    }

    @Test
    void everyRecipientGetsExactlyOneMessageWithUnsubscribeHeaders() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        worker.runOnce(); // a second round finds nothing left and must not send again
        List<OutboxMessage> sent = sentFor(c);
        assertThat(sent).hasSize(25);
        assertThat(sent.stream().collect(Collectors.groupingBy(OutboxMessage::recipient, Collectors.counting())))
                .hasSize(25).allSatisfy((to, n) -> assertThat(n).isEqualTo(1));
        OutboxMessage one = sent.get(0);
        assertThat(one.raw()).contains("List-Unsubscribe: <http://localhost:8080/s/unsubscribe/")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("Feedback-ID: " + c.id().toString().substring(0, 8))
                .containsPattern("Reply-To: Shoehaus\\s+<r-[A-Za-z0-9_.-]+@replies\\.optline\\.local>")
                .contains("Subject: Hello Reader");
        // The footer's unsubscribe link is the header's (MessageBuilder hands its token to the renderer).
        String token = one.raw().replaceAll("(?s).*List-Unsubscribe: <http://localhost:8080/s/unsubscribe/([^>]+)>.*", "$1");
        assertThat(decodedBody(one.raw())).contains("/s/unsubscribe/" + token + "\"").contains("/s/preferences/");
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SENT);
        // The finished job keeps its counts; its page no longer counts the queue's rows.
        assertThat(scope.inClient(admin.clientId(), () -> jdbc.sql("select final_sent from send_jobs where campaign_id = ?")
                .param(c.id()).query(Long.class).single())).isEqualTo(25L);
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsExactlyEntriesOf(Map.of(SENT, 25L));
        // VERP: each envelope sender is signed and maps back to exactly this campaign and person.
        assertThat(one.envelopeFrom()).startsWith("b-").endsWith("@bounces.optline.local");
        assertThat(one.envelopeFrom().substring(0, one.envelopeFrom().indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        var mapped = verp.read(one.envelopeFrom()).orElseThrow();
        assertThat(mapped.campaignId()).isEqualTo(c.id());
        assertThat(subscribers.get(admin, mapped.subscriberId()).email()).isEqualTo(one.recipient());
        assertThat(verp.read("b-" + one.envelopeFrom().substring(3))).isEmpty();
        assertThat(sent.stream().map(OutboxMessage::envelopeFrom).distinct()).hasSize(25);
        // Reply-To and Message-ID name the same send, so a reply or a headers-only bounce maps back.
        String replyTo = one.raw().replaceAll("(?s).*\r\nReply-To: [^<]*<([^>]+)>.*", "$1");
        assertThat(replyTo.substring(0, replyTo.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        assertThat(replyAddresses.read(replyTo)).contains(mapped);
        assertThat(verp.read(replyTo)).isEmpty();
        assertThat(replyAddresses.read(one.envelopeFrom())).isEmpty();
        String messageId = one.raw().replaceAll("(?s).*\r\nMessage-ID: (<[^>]+>).*", "$1");
        assertThat(messageId).endsWith("@" + domain + ">");
        assertThat(verp.readMessageId(messageId)).contains(mapped);
        assertThat(verp.readMessageId(messageId.replace("<", "<x"))).isEmpty();
        assertThat(sent.stream().map(m -> m.raw().replaceAll("(?s).*\r\nMessage-ID: (<[^>]+>).*", "$1")).distinct())
                .hasSize(25);
    }

    @Test
    void messagesPrintEveryKindOfCustomFieldTheSubscriberHas() {
        fields.create(admin, "city", "City", "text");
        fields.create(admin, "shoe_size", "Shoe size", "number");
        fields.create(admin, "birthday", "Birthday", "date");
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "interests", "Interests", "multi");
        MailingList fans = lists.create(admin, new Lists.ListInput("Fans", null, "single"));
        subscribers.save(admin, new SubscriberInput("fan@shoehaus.de", "Fan", Map.of("city", "Köln", "shoe_size", 43.5,
                "birthday", "1990-02-03", "vip", true, "interests", List.of("boots", "sandals")), List.of(fans.id()), null), false);
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Fields", "For {{city}}", null, "Shoehaus", "news@" + domain,
                null, "<p>[{{shoe_size}}] [{{birthday}}] [{{vip}}] [{{interests}}] [{{name}}]</p>", null, null, null, List.of(fans.id())));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        List<OutboxMessage> sent = sentFor(c);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).subject()).isEqualTo("For Köln");
        assertThat(decodedBody(sent.get(0).raw())).contains("[43.5] [1990-02-03] [true] [boots, sandals] [Fan]");
    }

    @Test
    void theWebVersionLinkIsInMessagesWhoseContentShowsIt() {
        Campaign with = campaigns.create(admin, new Campaigns.CampaignInput("With link", "Hi", null, "Shoehaus", "news@" + domain,
                null, "<p>Read it <a href=\"{{webview_url}}\">online</a></p>", null, null, null, List.of(news.id())));
        campaigns.send(admin, with.id(), null);
        worker.runOnce();
        List<OutboxMessage> sent = sentFor(with);
        assertThat(sent).hasSize(25);
        String body = decodedBody(sent.get(0).raw());
        String link = body.replaceAll("(?s).*href=\"http://localhost:8080(/s/view/[^\"]+)\".*", "$1");
        assertThat(link).startsWith("/s/view/");
        assertThat(webVersions.webView(link.substring("/s/view/".length()))).isPresent();

        Campaign without = campaign();
        campaigns.send(admin, without.id(), null);
        worker.runOnce();
        assertThat(sentFor(without)).hasSize(25).allSatisfy(m -> assertThat(decodedBody(m.raw())).doesNotContain("/s/view/"));
    }

    @Test
    void anUnsubscribeBeforeTheBatchStopsThatRecipientsMail() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        var leaver = subscribers.findByEmail(admin, "reader7@shoehaus.de").orElseThrow();
        subscribers.unsubscribe(admin.clientId(), leaver.id(), new ConsentSource(ConsentChannel.ONE_CLICK, null, null, null, null));
        worker.runOnce();
        assertThat(sentFor(c)).hasSize(24).noneMatch(m -> m.recipient().equals("reader7@shoehaus.de"));
    }

    @Test
    void anOptOutToldByEventIsHonouredRightBeforeTheTransport() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        // The event alone, as another part of this node would publish it a moment after the batch
        // passed its database check: the database still says active, the last-moment view does not.
        var late = subscribers.findByEmail(admin, "reader3@shoehaus.de").orElseThrow();
        events.publishEvent(new SubscriberOptedOut(admin.clientId(), late.id()));
        worker.runOnce();
        assertThat(sentFor(c)).hasSize(24).noneMatch(m -> m.recipient().equals("reader3@shoehaus.de"));
        assertThat(progress.counts(admin.clientId(), c.id()).byState()).containsEntry(SUPPRESSED, 1L).containsEntry(SENT, 24L);
    }

    @Test
    void pauseStopsAndResumeContinuesWhereItStopped() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        campaigns.pause(admin, c.id());
        worker.runOnce();
        assertThat(sentFor(c)).isEmpty();
        campaigns.resume(admin, c.id());
        worker.runOnce();
        assertThat(sentFor(c)).hasSize(25);
        assertThatThrownBy(() -> campaigns.resume(admin, c.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void aScheduledCampaignStartsWhenItsTimeComesAndNotBefore() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), OffsetDateTime.now().plusHours(1));
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
        dispatch.startDue();
        worker.runOnce();
        assertThat(sentFor(c)).isEmpty();
        Campaign soon = campaign();
        campaigns.send(admin, soon.id(), OffsetDateTime.now().plusNanos(1_000_000));
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatch.startDue();
        worker.runOnce();
        assertThat(sentFor(soon)).hasSize(25);
    }

    @Test
    void suspendingAClientPausesItsRunningCampaignWithTheReasonAndNothingMoreIsSent() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        clients.changeStatus(Fixtures.operator(), admin.clientId(), ClientStatus.SUSPENDED, "abuse desk");
        // Paused by the standing change itself, before any delivery round.
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        worker.runOnce();
        assertThat(sentFor(c)).isEmpty();
        Campaign paused = campaigns.get(admin, c.id());
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusNote()).contains("suspended");
        assertThatThrownBy(() -> campaigns.resume(admin, c.id())).isInstanceOf(ClientStandingException.class)
                .hasMessageContaining("suspended");
        clients.changeStatus(Fixtures.operator(), admin.clientId(), ClientStatus.ACTIVE, "cleared");
        campaigns.resume(admin, c.id());
        worker.runOnce();
        assertThat(sentFor(c)).hasSize(25);
    }

    @Test
    void deliveryItselfAsksTheStandingBeforeSending() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        // Suspended without the event this node would hear (as by a direct change of the row).
        scope.asPlatform(() -> jdbc.sql("update clients set status = 'suspended' where id = ?").param(admin.clientId()).update());
        worker.runOnce();
        assertThat(sentFor(c)).isEmpty();
        assertThat(campaigns.get(admin, c.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.get(admin, c.id()).statusNote()).contains("suspended");
    }

    @Test
    void aSendingCampaignWhoseStoredContentNoLongerPassesTheChecksPausesWithTheReason() {
        Campaign c = campaign();
        campaigns.send(admin, c.id(), null);
        // Content stored before the merge-tag rules (a default holding markup), still being sent.
        scope.inClient(admin.clientId(), () -> jdbc.sql("update campaigns set html = ? where id = ?")
                .param("<p>{{zz|{{<img src=x onerror=alert(1)>}}</p>").param(c.id()).update());
        worker.runOnce();
        assertThat(sentFor(c)).isEmpty();
        Campaign paused = campaigns.get(admin, c.id());
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusNote()).contains("content");
    }

    @Test
    void aSuspendedOrPausedClientsScheduledCampaignDoesNotStart() {
        Campaign soon = campaign();
        campaigns.send(admin, soon.id(), OffsetDateTime.now().plusNanos(1_000_000));
        clients.changeStatus(Fixtures.operator(), admin.clientId(), ClientStatus.PAUSED, "complaint rate");
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatch.startDue();
        worker.runOnce();
        assertThat(sentFor(soon)).isEmpty();
        assertThat(campaigns.get(admin, soon.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.get(admin, soon.id()).statusNote()).contains("paused");
        // A paused client still works on its data, but sends nothing, tests included.
        Campaign draft = campaign();
        assertThatThrownBy(() -> campaigns.send(admin, draft.id(), null)).isInstanceOf(ClientStandingException.class);
        assertThatThrownBy(() -> campaigns.testSend(admin, draft.id(), List.of(adminEmail())))
                .isInstanceOf(ClientStandingException.class);
    }

    @Test
    void aCampaignThatFailsItsChecksCannotBeSent() {
        Campaign none = campaigns.create(admin, new Campaigns.CampaignInput("Empty", "Hi", null, "S", "s@" + domain, null,
                "<p>x</p>", null, null, null, List.of()));
        assertThatThrownBy(() -> campaigns.send(admin, none.id(), null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("lists");
        Campaign c = campaign();
        campaigns.cancel(admin, c.id());
        assertThatThrownBy(() -> campaigns.send(admin, c.id(), null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void deferralsCountAttemptsAndTurnIntoFailuresOnceTheFirstAttemptIsTooOld() {
        Campaign c = campaign();
        UUID clientId = admin.clientId();
        OffsetDateTime now = fillQueue(c);
        SendQueueStore.Claim claim = claim(c, "t1", 25, now);
        assertThat(claim.ids()).hasSize(25);
        assertThat(claim.range()).isTrue();
        List<UUID> greylisted = claim.ids().subList(0, 3);
        List<UUID> refused = claim.ids().subList(3, 5);
        List<UUID> throttled = claim.ids().subList(5, 7);
        List<UUID> accepted = claim.ids().subList(7, 25);

        // Nothing is settled yet: the batch counts as sending.
        assertThat(progress.counts(clientId, c.id()).byState()).containsExactlyEntriesOf(Map.of(SENDING, 25L));
        // One query answers the attempts of a whole batch; one JDBC batch defers, one fails.
        assertThat(scope.inClient(clientId, () -> queue.attempts(clientId, c.id(), greylisted)))
                .hasSize(3).allSatisfy((id, n) -> assertThat(n).isZero());
        boolean settled = settle(c, claim, new SendQueueStore.Settlement(accepted, List.of(),
                greylisted.stream().map(id -> new SendQueueStore.Deferral(id, "451 4.7.1 greylisted", now.minusSeconds(1))).toList(),
                refused.stream().map(id -> new SendQueueStore.Failure(id, "550 5.1.1 no such user")).toList(),
                throttled, now.plusMinutes(1), false), now);
        assertThat(settled).isTrue();
        assertThat(scope.inClient(clientId, () -> queue.attempts(clientId, c.id(), greylisted)))
                .hasSize(3).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(progress.counts(clientId, c.id()).byState()).containsEntry(DEFERRED, 3L).containsEntry(FAILED, 2L)
                .containsEntry(SENT, 18L).containsEntry(QUEUED, 2L).doesNotContainKey(SENDING);
        // The settled claim is over: settling it again writes nothing.
        assertThat(settle(c, claim, onlyAccepted(accepted, false), now)).isFalse();

        // Due again: the greylisted ones (the throttled wait another minute); claimed, deferred once
        // more, but the first attempt is now older than the retry age allows, so they fail (a soft
        // bounce) instead of waiting again.
        OffsetDateTime later = now.plusSeconds(5);
        SendQueueStore.Claim retried = claim(c, "t2", 25, later);
        assertThat(retried.range()).isFalse();
        assertThat(retried.ids()).containsExactlyInAnyOrderElementsOf(greylisted);
        assertThat(progress.counts(clientId, c.id()).byState()).containsEntry(SENDING, 3L).doesNotContainKey(DEFERRED);
        settle(c, retried, new SendQueueStore.Settlement(List.of(), List.of(),
                retried.ids().stream().map(id -> new SendQueueStore.Deferral(id, "451 4.7.1 still greylisted", later.plusMinutes(5)))
                        .toList(), List.of(), List.of(), later, false), later, later);
        assertThat(progress.counts(clientId, c.id()).byState()).containsEntry(FAILED, 5L).doesNotContainKey(DEFERRED);
        assertThat(scope.inClient(clientId, () -> queue.attempts(clientId, c.id(), greylisted)))
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(2));

        // A minute on, the throttled two are due, with no attempt counted; then nothing is left.
        OffsetDateTime minuteOn = now.plusMinutes(2);
        SendQueueStore.Claim waited = claim(c, "t3", 25, minuteOn);
        assertThat(waited.ids()).containsExactlyInAnyOrderElementsOf(throttled);
        assertThat(scope.inClient(clientId, () -> queue.attempts(clientId, c.id(), throttled))).allSatisfy((id, n) -> assertThat(n).isZero());
        settle(c, waited, onlyAccepted(waited.ids(), false), minuteOn);
        assertThat(claim(c, "t4", 25, minuteOn).isEmpty()).isTrue();
        assertThat(scope.inClient(clientId, () -> queue.open(clientId, c.id()))).isZero();
        assertThat(progress.counts(clientId, c.id()).byState()).containsExactlyInAnyOrderEntriesOf(Map.of(SENT, 20L, FAILED, 5L));
    }

    @Test
    void aDueRetryIsClaimedBeforeTheNextFreshRows() {
        Campaign c = campaign();
        UUID clientId = admin.clientId();
        OffsetDateTime now = fillQueue(c);
        SendQueueStore.Claim first = claim(c, "a", 10, now);
        List<UUID> greylisted = first.ids().subList(0, 2);
        settle(c, first, new SendQueueStore.Settlement(first.ids().subList(2, 10), List.of(),
                greylisted.stream().map(id -> new SendQueueStore.Deferral(id, "451 4.7.1 try later", now.plusMinutes(5))).toList(),
                List.of(), List.of(), now, false), now);

        // Not due yet: the next fresh range. Due: the retries, though fresh rows are still waiting.
        SendQueueStore.Claim fresh = claim(c, "b", 10, now.plusMinutes(1));
        assertThat(fresh.range()).isTrue();
        assertThat(fresh.ids()).hasSize(10).doesNotContainAnyElementsOf(greylisted);
        SendQueueStore.Claim retry = claim(c, "c", 10, now.plusMinutes(6));
        assertThat(retry.range()).isFalse();
        assertThat(retry.ids()).containsExactlyInAnyOrderElementsOf(greylisted);
        assertThat(progress.counts(clientId, c.id()).byState()).containsEntry(QUEUED, 5L).containsEntry(SENDING, 12L)
                .containsEntry(SENT, 8L);
    }

    @Test
    void aHandedBackRangeLargerThanTheTakersBatchIsSplit() {
        Campaign c = campaign();
        UUID clientId = admin.clientId();
        OffsetDateTime now = fillQueue(c);
        SendQueueStore.Claim whole = claim(c, "big", 25, now);
        // Paused before anything went out; resumed on a node whose batches are 10.
        settle(c, whole, onlyAccepted(List.of(), true), now);
        List<UUID> taken = new ArrayList<>();
        for (String token : List.of("s1", "s2", "s3")) {
            SendQueueStore.Claim part = claim(c, token, 10, now);
            assertThat(part.ids()).hasSizeLessThanOrEqualTo(10);
            taken.addAll(part.ids());
        }
        assertThat(taken).hasSize(25).containsExactlyElementsOf(whole.ids());
        assertThat(claim(c, "s4", 10, now).isEmpty()).isTrue();
    }

    @Test
    void aRangeWhoseLeaseRanOutOrThatWasHandedBackIsTakenAgainWithoutItsSettledRows() {
        Campaign c = campaign();
        UUID clientId = admin.clientId();
        OffsetDateTime now = fillQueue(c);
        SendQueueStore.Claim first = claim(c, "a", 10, now);
        SendQueueStore.Claim second = claim(c, "b", 10, now);
        assertThat(first.ids()).hasSize(10).doesNotContainAnyElementsOf(second.ids());
        assertThat(second.ids()).hasSize(10);

        // The first lane sends four and is stopped (paused); its range goes back at once.
        settle(c, first, onlyAccepted(first.ids().subList(0, 4), true), now);
        // The second lane's node dies: its lease runs out. The last five fresh rows come first,
        // then the handed-back range without the four already sent, then the lapsed one whole.
        OffsetDateTime later = now.plusMinutes(11);
        List<SendQueueStore.Claim> claims = new ArrayList<>();
        for (String token : List.of("c", "d", "e", "f")) {
            claims.add(claim(c, token, 10, later));
        }
        assertThat(claims.get(0).ids()).hasSize(5);
        List<UUID> retaken = new ArrayList<>(claims.get(1).ids());
        retaken.addAll(claims.get(2).ids());
        assertThat(retaken).containsExactlyInAnyOrderElementsOf(Stream.concat(first.ids().subList(4, 10).stream(),
                second.ids().stream()).toList());
        assertThat(claims.get(3).isEmpty()).isTrue();
        // The dead node's late settle finds its claim gone to another lane and writes nothing.
        assertThat(settle(c, second, onlyAccepted(second.ids(), false), later)).isFalse();
        assertThat(progress.counts(clientId, c.id()).byState()).containsExactlyInAnyOrderEntriesOf(Map.of(SENT, 4L, SENDING, 21L));
    }
}
