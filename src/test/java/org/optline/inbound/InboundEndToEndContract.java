package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.analytics.CampaignReports;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.MailProperties;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.inbound.listener.InboundListener;
import org.optline.inbound.replies.Replies;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.FeedbackReports;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inbound mail end to end, with the real classifier and actions: a campaign is sent through the
 * capture outbox, and what receiving servers and people would send back arrives over SMTP at the
 * listener, addressed as the sent messages ask (VERP return path, per-recipient Reply-To, the
 * List-Unsubscribe mailto). Each ends in the database as the standards say: a hard bounce
 * suppresses (STANDARDS 18-20), a complaint unsubscribes and suppresses (23, 25), a reply asking
 * to leave unsubscribes, so the next campaign does not reach that person.
 */
abstract class InboundEndToEndContract {

    private static final Duration PROCESSED = Duration.ofSeconds(30);

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired CampaignReports reports;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired Replies replies;
    @Autowired InboundListener listener;
    @Autowired MailProperties mail;
    @Autowired JdbcClient jdbc;

    Actor admin;
    MailingList list;
    Campaign campaign;
    String domain;
    final Map<String, UUID> people = new LinkedHashMap<>();
    Map<String, OutboxMessage> sent;

    @BeforeEach
    void sendCampaign() {
        CreatedClient client = Fixtures.client(clients, "Inbound end to end");
        admin = Fixtures.admin(client);
        list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("e2e.de");
        domains.add(admin, domain);
        for (String name : List.of("ann", "bob", "cid", "dee", "eve")) {
            people.put(name, subscribers.save(admin, new SubscriberInput(name + "@" + domain, name, Map.of(),
                    List.of(list.id()), null), false).subscriber().id());
        }
        campaign = send("Spring sale", "help@" + domain);
        sent = messagesOf(campaign);
        assertThat(sent).containsOnlyKeys(people.keySet());
    }

    @Test
    void aDeliveryStatusNotificationSuppressesTheAddressAndCountsAsAHardBounce() throws Exception {
        String dsn = """
                From: MAILER-DAEMON@mx.e2e.de (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <dsn-1@mx.e2e.de>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.e2e.de

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822; %2$s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown

                --b1
                Content-Type: text/rfc822-headers

                Return-Path: <%1$s>
                Message-ID: %3$s
                To: %2$s
                Subject: Hello

                --b1--
                """.formatted(verpOf("ann"), email("ann"), header("ann", "Message-ID"));

        assertThat(deliver("", verpOf("ann"), dsn)).startsWith("250");

        await().atMost(PROCESSED).until(() -> status("ann") == SubscriberStatus.BOUNCED);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", email("ann")))).isTrue();
        assertThat(storedAs(verpOf("ann"))).isEqualTo("hard_bounce");
        assertThat(reports.report(admin, campaign.id()).bounced().hard()).isEqualTo(1);
        assertThat(status("bob")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aFeedbackLoopComplaintUnsubscribesSuppressesAndIsCounted() throws Exception {
        String arf = FeedbackReports.abuse(mail.bounceDomain(), email("bob"), sent.get("bob").raw());

        assertThat(deliver("feedback@fbl.example.net", "fbl@" + mail.bounceDomain(), arf)).startsWith("250");

        await().atMost(PROCESSED).until(() -> status("bob") == SubscriberStatus.COMPLAINED);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", email("bob")))).isTrue();
        assertThat(reports.report(admin, campaign.id()).complaints()).isEqualTo(1);
    }

    @Test
    void aReplyAskingToLeaveMeansTheNextCampaignDoesNotReachThem() throws Exception {
        String reply = """
                From: Cid <%1$s>
                To: %2$s
                Subject: Re: Hello
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <reply-1@e2e.de>
                In-Reply-To: %3$s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Please unsubscribe me, thank you.

                > Hi
                """.formatted(email("cid"), replyToOf("cid"), header("cid", "Message-ID"));

        assertThat(deliver(email("cid"), replyToOf("cid"), reply)).startsWith("250");
        await().atMost(PROCESSED).until(() -> status("cid") == SubscriberStatus.UNSUBSCRIBED);

        Campaign next = send("Summer sale", null);
        assertThat(messagesOf(next)).containsOnlyKeys("ann", "bob", "dee", "eve");
    }

    @Test
    void theListUnsubscribeMailtoUnsubscribes() throws Exception {
        String token = header("dee", "List-Unsubscribe").replaceAll(".*subject=unsubscribe%20([^>]+)>.*", "$1");
        String request = """
                From: %1$s
                To: unsubscribe@%2$s
                Subject: unsubscribe %3$s
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <mailto-1@e2e.de>
                MIME-Version: 1.0
                Content-Type: text/plain

                This message was sent by the mail client's unsubscribe button.
                """.formatted(email("dee"), mail.bounceDomain(), token);

        assertThat(deliver(email("dee"), "unsubscribe@" + mail.bounceDomain(), request)).startsWith("250");
        await().atMost(PROCESSED).until(() -> status("dee") == SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aPersonsReplyIsKeptForTheClientAndForwardedToTheCampaignsReplyTo() throws Exception {
        String reply = replyToHello("eve", "reply-2", "Do you still have the blue teapot in stock?");

        assertThat(deliver(email("eve"), replyToOf("eve"), reply)).startsWith("250");
        await().atMost(PROCESSED).until(() -> !replies.page(admin, null, 10).items().isEmpty());

        var kept = replies.page(admin, null, 10).items().get(0);
        assertThat(kept.subscriberId()).isEqualTo(people.get("eve"));
        assertThat(kept.text()).contains("blue teapot");
        assertThat(outbox.page(admin, null, 200).items()).anyMatch(m -> m.recipient().equals("help@" + domain)
                && m.subject().contains("Hello"));
        assertThat(status("eve")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void erasingSomeoneWhoRepliedEmptiesTheStoredMessageAndARedeliveryChangesNothing() throws Exception {
        String reply = replyToHello("eve", "reply-erased", "Please call me on 0171 5550123 about the blue teapot.");
        assertThat(deliver(email("eve"), replyToOf("eve"), reply)).startsWith("250");
        await().atMost(PROCESSED).until(() -> !replies.page(admin, null, 10).items().isEmpty());

        subscribers.erase(admin, people.get("eve"), "asked to be forgotten");

        assertThat(replies.page(admin, null, 10).items()).isEmpty();
        var stored = jdbc.sql("select raw, size_bytes, mail_from, result_recipient from inbound_messages where recipients like :rcpt")
                .param("rcpt", "%" + replyToOf("eve") + "%").query().singleRow();
        assertThat((byte[]) stored.get("raw")).isEmpty();
        assertThat(stored.get("size_bytes")).isEqualTo(0);
        assertThat(stored.get("mail_from")).isEqualTo("");
        assertThat(stored.get("result_recipient")).isNull();
        // The remote server delivers it once more: known by its hashes, stored once, nothing kept again.
        assertThat(deliver(email("eve"), replyToOf("eve"), reply)).startsWith("250");
        assertThat(jdbc.sql("select count(*) from inbound_messages where recipients like :rcpt")
                .param("rcpt", "%" + replyToOf("eve") + "%")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(replies.page(admin, null, 10).items()).isEmpty();
    }

    @Test
    void aReplyThatOnlyRepeatsTheCampaignsSubjectIsNotARequestToLeave() throws Exception {
        Campaign tips = send("Paper bills", null, "How to unsubscribe from paper bills");
        Map<String, OutboxMessage> tipsSent = messagesOf(tips);
        String thanks = """
                From: Dee <%1$s>
                To: %2$s
                Subject: Re: How to unsubscribe from paper bills
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <reply-3@e2e.de>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Great tips, thank you! Saved me a lot of paper.
                """.formatted(email("dee"), replyToOf(tipsSent.get("dee")));
        String leave = """
                From: Eve <%1$s>
                To: %2$s
                Subject: Re: How to unsubscribe from paper bills
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <reply-4@e2e.de>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Please unsubscribe me from this newsletter.
                """.formatted(email("eve"), replyToOf(tipsSent.get("eve")));

        assertThat(deliver(email("dee"), replyToOf(tipsSent.get("dee")), thanks)).startsWith("250");
        assertThat(deliver(email("eve"), replyToOf(tipsSent.get("eve")), leave)).startsWith("250");

        await().atMost(PROCESSED).until(() -> status("eve") == SubscriberStatus.UNSUBSCRIBED);
        await().atMost(PROCESSED).until(() -> replies.page(admin, null, 10).items().stream()
                .anyMatch(r -> r.subscriberId().equals(people.get("dee"))));
        assertThat(status("dee")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    // --- helpers ------------------------------------------------------------------------------

    private Campaign send(String name, String replyTo) {
        return send(name, replyTo, "Hello");
    }

    private Campaign send(String name, String replyTo, String subject) {
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput(name, subject, null, "Shop", "news@" + domain,
                replyTo, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        return c;
    }

    private Map<String, OutboxMessage> messagesOf(Campaign c) {
        Map<String, OutboxMessage> byPerson = new LinkedHashMap<>();
        outbox.page(admin, null, 200).items().stream().filter(m -> c.id().equals(m.campaignId()))
                .forEach(m -> byPerson.put(m.recipient().substring(0, m.recipient().indexOf('@')), m));
        return byPerson;
    }

    /** A person's plain-text reply to the campaign's "Hello", sent to their reply address. */
    private String replyToHello(String person, String messageId, String text) {
        return """
                From: %1$s <%2$s>
                To: %3$s
                Subject: Re: Hello
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <%4$s@e2e.de>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %5$s
                """.formatted(Character.toUpperCase(person.charAt(0)) + person.substring(1), email(person),
                replyToOf(person), messageId, text);
    }

    private String deliver(String from, String rcpt, String message) throws Exception {
        try (SmtpTalk smtp = new SmtpTalk(listener.port())) {
            smtp.command("EHLO mx.example.net");
            return smtp.send(from, List.of(rcpt), message.getBytes(StandardCharsets.UTF_8));
        }
    }

    private SubscriberStatus status(String person) {
        return subscribers.get(admin, people.get(person)).status();
    }

    private String storedAs(String rcpt) {
        return jdbc.sql("select result_kind from inbound_messages where recipients like :rcpt and state = 'processed'")
                .param("rcpt", "%" + rcpt + "%").query(String.class).single();
    }

    private String verpOf(String person) {
        return sent.get(person).envelopeFrom();
    }

    private String replyToOf(String person) {
        return replyToOf(sent.get(person));
    }

    private static String replyToOf(OutboxMessage message) {
        return header(message, "Reply-To").replaceAll(".*<([^>]+)>.*", "$1");
    }

    private String header(String person, String name) {
        return header(sent.get(person), name);
    }

    private static String header(OutboxMessage message, String name) {
        String raw = message.raw().replaceAll("\r\n[ \t]+", " ");
        return raw.replaceAll("(?s).*\r\n" + name + ": ([^\r\n]*)\r\n.*", "$1");
    }

    private String email(String person) {
        return person + "@" + domain;
    }
}
