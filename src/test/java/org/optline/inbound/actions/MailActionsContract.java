package org.optline.inbound.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ActivityTimeline;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.Verp;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification;
import org.optline.inbound.classify.InboundEnvelope;
import org.optline.inbound.replies.Replies;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * What inbound mail does (STANDARDS 20-25), on a campaign really sent through the capture
 * outbox: the actions bean gets hand-built classifications of mail addressed with the real VERP,
 * reply and unsubscribe tokens the messages carried. On H2 and PostgreSQL.
 */
@RecordApplicationEvents
abstract class MailActionsContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired Verp verp;
    @Autowired MailActions actions;
    @Autowired BouncePolicies policies;
    @Autowired Replies replies;
    @Autowired ActivityTimeline timeline;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    CreatedClient client;
    Actor admin;
    Campaign campaign;
    String domain;
    final Map<String, UUID> people = new LinkedHashMap<>();
    final Map<String, OutboxMessage> sent = new LinkedHashMap<>();
    final List<UUID> markedClients = new ArrayList<>();
    final BiConsumer<UUID, InboundResult> mark = (clientId, result) -> markedClients.add(clientId);

    @BeforeEach
    void sendCampaign() {
        client = Fixtures.client(clients, "Inbound");
        admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("inbound.de");
        domains.add(admin, domain);
        for (String name : List.of("ann", "bob", "cid", "dee")) {
            people.put(name, subscribers.save(admin, new SubscriberInput(name + "@" + domain, name, Map.of(),
                    List.of(list.id()), null), false).subscriber().id());
        }
        campaign = campaigns.create(admin, new Campaigns.CampaignInput("Spring sale", "Hello", null, "Shop", "news@" + domain,
                "help@" + domain, "<p>The spring catalogue is here</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        outbox.page(admin, null, 200).items().stream().filter(m -> campaign.id().equals(m.campaignId()))
                .forEach(m -> sent.put(m.recipient().substring(0, m.recipient().indexOf('@')), m));
        assertThat(sent).hasSize(4);
    }

    // --- what the messages carried --------------------------------------------------------

    String verpOf(String person) {
        return sent.get(person).envelopeFrom();
    }

    String replyToOf(String person) {
        return header(person, "Reply-To").replaceAll(".*<([^>]+)>.*", "$1");
    }

    String messageIdOf(String person) {
        return header(person, "Message-ID");
    }

    String unsubscribeTokenOf(String person) {
        return header(person, "List-Unsubscribe").replaceAll(".*/s/unsubscribe/([^>]+)>.*", "$1");
    }

    String header(String person, String name) {
        String raw = sent.get(person).raw().replaceAll("\r\n[ \t]+", " ");
        return raw.replaceAll("(?s).*\r\n" + name + ": ([^\r\n]*)\r\n.*", "$1");
    }

    String email(String person) {
        return person + "@" + domain;
    }

    // --- building inbound mail ------------------------------------------------------------

    static StoredMail mail(String rcpt, OffsetDateTime at) {
        return new StoredMail(UUID.randomUUID(), at, new InboundEnvelope("", List.of(rcpt)), new byte[0]);
    }

    static StoredMail mail(String rcpt) {
        return mail(rcpt, OffsetDateTime.now(ZoneOffset.UTC));
    }

    static Classification bounce(MailKind kind, String recipient, String status, String rule) {
        return new Classification(kind, recipient, status, "550 " + status + " no such user", rule, null, null, null);
    }

    static Classification reply(MailKind kind, String from, String subject, String text) {
        return new Classification(kind, from, null, null, "test", null,
                new Classification.Reply(from, subject, null, text), null);
    }

    SubscriberStatus status(String person) {
        return subscribers.get(admin, people.get(person)).status();
    }

    boolean suppressedForClient(String person) {
        return scope.inClient(client.client().id(), () -> jdbc.sql(
                "select count(*) from suppressions where client_id = ? and email = ?")
                .param(client.client().id()).param(email(person)).query(Long.class).single()) > 0;
    }

    boolean suppressedPlatformWide(String person) {
        return scope.asPlatform(() -> jdbc.sql("select count(*) from platform_suppressions where email = ?")
                .param(email(person)).query(Long.class).single()) > 0;
    }

    List<ConsentEvent> ledger(String person, ConsentAct act) {
        return subscribers.consentLedger(admin, people.get(person)).stream().filter(e -> e.event() == act).toList();
    }

    long rows(String table) {
        return scope.inClient(client.client().id(), () -> jdbc.sql("select count(*) from " + table + " where client_id = ?")
                .param(client.client().id()).query(Long.class).single());
    }

    // --- bounces ----------------------------------------------------------------------------

    @Test
    void hardBounceSuppressesAtOnceForTheClientAndPlatformWide() {
        InboundResult r = actions.apply(mail(verpOf("ann")), bounce(MailKind.HARD_BOUNCE, email("ann"), "5.1.1", "dsn"), mark);
        assertThat(r.action()).isEqualTo("suppressed");
        assertThat(r.recipient()).isEqualTo(email("ann"));
        assertThat(markedClients).containsExactly(client.client().id());
        assertThat(status("ann")).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(suppressedForClient("ann")).isTrue();
        assertThat(suppressedPlatformWide("ann")).isTrue();
        assertThat(status("bob")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(rows("inbound_bounces")).isEqualTo(1);
        assertThat(events.stream(BounceReceived.class)).singleElement().satisfies(e -> {
            assertThat(e.campaignId()).isEqualTo(campaign.id());
            assertThat(e.subscriberId()).isEqualTo(people.get("ann"));
            assertThat(e.hard()).isTrue();
            assertThat(e.suppressed()).isTrue();
            assertThat(e.status()).isEqualTo("5.1.1");
        });
    }

    @Test
    void aBounceWithOnlyTheReturnedHeadersIsMatchedByItsMessageId() {
        var c = new Classification(MailKind.HARD_BOUNCE, null, "5.1.1", null, "dsn",
                new Classification.Returned(messageIdOf("bob"), null, null, null, null), null, null);
        InboundResult r = actions.apply(mail("postmaster@bounces.optline.local"), c, mark);
        assertThat(r.action()).isEqualTo("suppressed");
        assertThat(status("bob")).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void aHardBounceToWhatAClientsOwnRelayCarriedSuppressesForThatClientOnly() {
        // The client sees the bounce addresses of what its relay carries, so it could forge this.
        String relayed = verp.addressOf(verp.token(campaign.id(), people.get("ann"), true));
        assertThat(verp.read(relayed)).hasValueSatisfying(s -> assertThat(s.relayed()).isTrue());
        assertThat(verp.read(verpOf("bob"))).hasValueSatisfying(s -> assertThat(s.relayed()).isFalse());

        InboundResult r = actions.apply(mail(relayed), bounce(MailKind.HARD_BOUNCE, email("ann"), "5.1.1", "dsn"), mark);

        assertThat(r.action()).isEqualTo("suppressed");
        assertThat(status("ann")).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(suppressedForClient("ann")).isTrue();
        assertThat(suppressedPlatformWide("ann")).isFalse();
    }

    @Test
    void aBounceMatchedOnlyByTheReturnedListUnsubscribeSuppressesForTheClientOnly() {
        var c = new Classification(MailKind.HARD_BOUNCE, null, "5.1.1", null, "dsn",
                new Classification.Returned(null, null, null, "<https://x/s/unsubscribe/" + unsubscribeTokenOf("cid") + ">", null),
                null, null);
        InboundResult r = actions.apply(mail("postmaster@bounces.optline.local"), c, mark);
        assertThat(r.action()).isEqualTo("suppressed");
        assertThat(suppressedForClient("cid")).isTrue();
        assertThat(suppressedPlatformWide("cid")).isFalse();
    }

    @Test
    void senderBlamedRefusalIsRecordedButTheRecipientIsNotSuppressed() {
        InboundResult r = actions.apply(mail(verpOf("ann")),
                bounce(MailKind.HARD_BOUNCE, email("ann"), "5.7.26", "dsn; sender-blamed"), mark);
        assertThat(r.action()).startsWith("recorded: the refusal blames the sender");
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(suppressedForClient("ann")).isFalse();
        assertThat(suppressedPlatformWide("ann")).isFalse();
        assertThat(rows("inbound_bounces")).isEqualTo(1);
        assertThat(events.stream(BounceReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.suppressed()).isFalse());
    }

    @Test
    void softBouncesSuppressOnlyAtTheNthWithinTheWindow() {
        policies.set(admin, 3, 10);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Classification soft = bounce(MailKind.SOFT_BOUNCE, email("cid"), "4.2.2", "dsn");
        actions.apply(mail(verpOf("cid"), now.minusDays(20)), soft, mark);
        actions.apply(mail(verpOf("cid"), now.minusDays(5)), soft, mark);
        InboundResult third = actions.apply(mail(verpOf("cid"), now.minusDays(1)), soft, mark);
        assertThat(third.action()).startsWith("recorded: soft bounce 2 of 3");
        assertThat(status("cid")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(suppressedForClient("cid")).isFalse();
        InboundResult fourth = actions.apply(mail(verpOf("cid"), now), soft, mark);
        assertThat(fourth.action()).isEqualTo("suppressed: 3 soft bounces within 10 days");
        assertThat(status("cid")).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(suppressedForClient("cid")).isTrue();
        assertThat(suppressedPlatformWide("cid")).isFalse();
        assertThat(events.stream(BounceReceived.class).map(BounceReceived::suppressed)).containsExactly(false, false, false, true);
    }

    @Test
    void theDefaultPolicyIsFiveWithinThirtyDays() {
        assertThat(policies.get(admin)).isEqualTo(new BouncePolicy(5, 30));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Classification soft = bounce(MailKind.SOFT_BOUNCE, null, "4.4.1", "dsn");
        for (int i = 4; i >= 1; i--) {
            actions.apply(mail(verpOf("dee"), now.minusDays(i)), soft, mark);
        }
        assertThat(status("dee")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(actions.apply(mail(verpOf("dee"), now), soft, mark).action())
                .isEqualTo("suppressed: 5 soft bounces within 30 days");
        assertThat(status("dee")).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void aBounceReportingAnotherRecipientChangesNothing() {
        InboundResult r = actions.apply(mail(verpOf("ann")), bounce(MailKind.HARD_BOUNCE, "victim@elsewhere.example",
                "5.1.1", "dsn"), mark);
        assertThat(r.action()).startsWith("unmatched: ");
        assertThat(markedClients).containsExactly((UUID) null);
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(suppressedPlatformWide("ann")).isFalse();
        assertThat(rows("inbound_bounces")).isZero();
        assertThat(events.stream(BounceReceived.class)).isEmpty();
    }

    @Test
    void aForgedTokenChangesNothing() {
        String verp = verpOf("ann");
        String token = verp.substring(2, verp.indexOf('@'));
        String forged = "b-" + Fixtures.tampered(token) + "@bounces.optline.local";
        InboundResult r = actions.apply(mail(forged), bounce(MailKind.HARD_BOUNCE, null, "5.1.1", "dsn"), mark);
        assertThat(r.action()).isEqualTo("unmatched: no send found");
        assertThat(markedClients).containsExactly((UUID) null);
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
        InboundResult stop = actions.apply(mail("r-" + Fixtures.tampered(token) + "@replies.optline.local"),
                reply(MailKind.UNSUBSCRIBE_REQUEST, email("ann"), "stop", "stop"), mark);
        assertThat(stop.action()).startsWith("unmatched: ");
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void theSameStoredMailProcessedTwiceChangesNothingTheSecondTime() {
        StoredMail once = mail(verpOf("ann"));
        actions.apply(once, bounce(MailKind.HARD_BOUNCE, email("ann"), "5.1.1", "dsn"), mark);
        InboundResult again = actions.apply(once, bounce(MailKind.HARD_BOUNCE, email("ann"), "5.1.1", "dsn"), mark);
        assertThat(again.action()).isEqualTo("already processed: nothing changed");
        assertThat(rows("inbound_bounces")).isEqualTo(1);
        assertThat(events.stream(BounceReceived.class)).hasSize(1);
        StoredMail reply = mail(replyToOf("bob"));
        Classification words = reply(MailKind.HUMAN_REPLY, email("bob"), "Re: Hello", "Thanks!");
        actions.apply(reply, words, mark);
        actions.apply(reply, words, mark);
        assertThat(rows("inbound_replies")).isEqualTo(1);
        assertThat(forwards()).hasSize(1);
    }

    // --- complaints -------------------------------------------------------------------------

    @Test
    void complaintUnsubscribesSuppressesEverywhereAndKeepsTheReport() {
        var c = new Classification(MailKind.COMPLAINT, email("bob"), "abuse", null, "arf",
                new Classification.Returned(messageIdOf("bob"), verpOf("bob"), email("bob"), null, "x:y:campaign:optline"),
                null, new Classification.Feedback("abuse", "SomeFBL/1.0", "1", email("bob"), null, null, "192.0.2.1"));
        InboundResult r = actions.apply(mail("fbl@bounces.optline.local"), c, mark);
        assertThat(r.action()).isEqualTo("unsubscribed and suppressed");
        assertThat(status("bob")).isEqualTo(SubscriberStatus.COMPLAINED);
        assertThat(subscribers.get(admin, people.get("bob")).lists()).allSatisfy(m ->
                assertThat(m.status().name()).isEqualTo("UNSUBSCRIBED"));
        assertThat(suppressedForClient("bob")).isTrue();
        assertThat(suppressedPlatformWide("bob")).isTrue();
        assertThat(ledger("bob", ConsentAct.COMPLAINED)).singleElement()
                .satisfies(e -> assertThat(e.sourceKind()).isEqualTo(ConsentChannel.COMPLAINT));
        assertThat(timeline.of(admin, people.get("bob"))).anySatisfy(e -> assertThat(e.kind()).isEqualTo("complained"));
        String report = scope.inClient(client.client().id(), () -> jdbc.sql(
                "select report from inbound_complaints where client_id = ? and subscriber_id = ?")
                .param(client.client().id()).param(people.get("bob")).query(String.class).single());
        assertThat(report).contains("Feedback-Type: abuse").contains("User-Agent: SomeFBL/1.0")
                .contains("Message-ID: " + messageIdOf("bob"))
                // Never the original body (a word of it would be found in a random token too easily).
                .doesNotContain("spring catalogue");
        assertThat(events.stream(ComplaintReceived.class)).singleElement().satisfies(e -> {
            assertThat(e.campaignId()).isEqualTo(campaign.id());
            assertThat(e.feedbackType()).isEqualTo("abuse");
            assertThat(e.userAgent()).isEqualTo("SomeFBL/1.0");
        });
    }

    // --- unsubscribes and replies -----------------------------------------------------------

    @Test
    void unsubscribeByReplyHappensOnce() {
        Classification stop = reply(MailKind.UNSUBSCRIBE_REQUEST, email("cid"), "Re: Hello", "unsubscribe");
        assertThat(actions.apply(mail(replyToOf("cid")), stop, mark).action()).isEqualTo("unsubscribed");
        assertThat(actions.apply(mail(replyToOf("cid")), stop, mark).action()).startsWith("already unsubscribed");
        assertThat(status("cid")).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(suppressedForClient("cid")).isTrue();
        assertThat(ledger("cid", ConsentAct.UNSUBSCRIBED)).singleElement()
                .satisfies(e -> assertThat(e.sourceKind()).isEqualTo(ConsentChannel.REPLY));
        assertThat(forwards()).isEmpty();
    }

    @Test
    void unsubscribeByTheListUnsubscribeMailtoUsesItsToken() {
        Classification stop = reply(MailKind.UNSUBSCRIBE_REQUEST, email("dee"), "unsubscribe " + unsubscribeTokenOf("dee"), "");
        InboundResult r = actions.apply(mail("unsubscribe@bounces.optline.local"), stop, mark);
        assertThat(r.action()).isEqualTo("unsubscribed");
        assertThat(status("dee")).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(ledger("dee", ConsentAct.UNSUBSCRIBED)).singleElement()
                .satisfies(e -> assertThat(e.sourceKind()).isEqualTo(ConsentChannel.MAILTO));
        Classification forged = reply(MailKind.UNSUBSCRIBE_REQUEST, email("ann"),
                "unsubscribe " + Fixtures.tampered(unsubscribeTokenOf("ann")), "");
        assertThat(actions.apply(mail("unsubscribe@bounces.optline.local"), forged, mark).action()).startsWith("unmatched");
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aHumanReplyIsKeptAndForwardedToTheCampaignsReplyTo() {
        InboundResult r = actions.apply(mail(replyToOf("ann")),
                reply(MailKind.HUMAN_REPLY, email("ann"), "Re: Hello", "Do you ship to Austria?"), mark);
        assertThat(r.action()).isEqualTo("kept for the client and forwarded");
        var kept = replies.page(admin, null, 10).items();
        assertThat(kept).singleElement().satisfies(k -> {
            assertThat(k.subscriberId()).isEqualTo(people.get("ann"));
            assertThat(k.campaignId()).isEqualTo(campaign.id());
            assertThat(k.text()).isEqualTo("Do you ship to Austria?");
            assertThat(k.forwardedTo()).isEqualTo("help@" + domain);
            assertThat(k.forwardedAt()).isNotNull();
        });
        assertThat(replies.get(admin, kept.get(0).id()).subject()).isEqualTo("Re: Hello");
        assertThat(forwards()).singleElement().satisfies(m -> {
            assertThat(m.recipient()).isEqualTo("help@" + domain);
            assertThat(m.subject()).isEqualTo("Fwd: Re: Hello");
            assertThat(m.raw()).contains("Do you ship to Austria?").contains("Spring sale").contains(email("ann"));
        });
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void erasingTheSubscriberDeletesTheirRepliesComplaintsAndBounces() {
        actions.apply(mail(replyToOf("ann")), reply(MailKind.HUMAN_REPLY, email("ann"), "Re: Hello", "Call me"), mark);
        actions.apply(mail(verpOf("ann")), bounce(MailKind.SOFT_BOUNCE, email("ann"), "4.2.2", "dsn"), mark);
        actions.apply(mail(verpOf("ann")), new Classification(MailKind.COMPLAINT, null, "abuse", null, "arf", null, null,
                new Classification.Feedback("abuse", null, "1", email("ann"), null, null, null)), mark);
        actions.apply(mail(replyToOf("bob")), reply(MailKind.HUMAN_REPLY, email("bob"), "Re: Hello", "Keep me"), mark);
        subscribers.erase(admin, people.get("ann"), "asked to be forgotten");
        assertThat(rows("inbound_replies")).isEqualTo(1);
        assertThat(rows("inbound_bounces")).isZero();
        assertThat(rows("inbound_complaints")).isZero();
    }

    @Test
    void autoRepliesAndUnknownMailAreOnlyMarked() {
        assertThat(actions.apply(mail(replyToOf("ann")), reply(MailKind.AUTO_REPLY, email("ann"), "Out of office", "away"),
                mark).action()).isEqualTo("ignored: auto-reply");
        assertThat(actions.apply(mail("someone@replies.optline.local"), new Classification(MailKind.UNKNOWN, null, null,
                null, "unreadable", null, null, null), mark).action()).isEqualTo("kept: not recognised");
        assertThat(markedClients).containsExactly(client.client().id(), null);
        assertThat(rows("inbound_replies")).isZero();
        assertThat(forwards()).isEmpty();
        assertThat(status("ann")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    List<OutboxMessage> forwards() {
        return outbox.page(admin, null, 200).items().stream().filter(m -> "reply-forward".equals(m.kind())).toList();
    }
}
