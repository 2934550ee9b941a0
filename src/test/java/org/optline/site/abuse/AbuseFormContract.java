package org.optline.site.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.AbuseCases;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.site.contact.Lead;
import org.optline.site.contact.Leads;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The site's forms on a real database. A campaign goes out to the capture outbox; its raw text
 * pasted into the abuse form (whole, its headers alone, or only a piece of its body with a
 * tracking link, each as a mail program might show it) opens or joins the abuse case of that
 * client and campaign with source abuse_form and the reporter kept for operators; a paste that
 * names nothing here is kept as unmatched; each report is confirmed by a reference on the page
 * and a receipt mail. Leads are stored, listed by status, answered once and purged after the
 * retention, and neither table holds the visitor's address.
 */
abstract class AbuseFormContract {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired AbuseCases cases;
    @Autowired AbuseReports reports;
    @Autowired Leads leads;
    @Autowired JdbcClient jdbc;
    @Autowired TenantScope scope;
    @Autowired MockMvc mvc;

    private final Actor operator = Fixtures.operator();
    CreatedClient client;
    Campaign campaign;
    String domain;
    OutboxMessage sent;

    @BeforeEach
    void aCampaignSentToOneSubscriber() {
        client = Fixtures.client(clients, "Abuse form shop");
        Actor admin = Fixtures.admin(client);
        MailingList list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("abuse-form.de");
        domains.add(admin, domain);
        subscribers.save(admin, new SubscriberInput("ann@" + domain, "Ann", Map.of(), List.of(list.id()), null), false);
        campaign = campaigns.create(admin, new Campaigns.CampaignInput("Winter sale", "Cheap boots", null, "Shop",
                "news@" + domain, null, "<p>Hi</p><p><a href=\"https://shop.example.org/boots\">Boots</a></p>", null, null,
                null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        sent = outbox.page(admin, null, 50).items().stream().filter(m -> campaign.id().equals(m.campaignId())).findFirst()
                .orElseThrow();
    }

    @Test
    void theWholeMessagePastedOpensACaseForItsClientAndCampaign() throws Exception {
        String reporter = "ann-reporter@" + domain;
        MockHttpServletResponse answer = report(reporter, sent.raw(), "I never signed up");
        assertThat(answer.getStatus()).isEqualTo(200);
        String page = answer.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"abuse-matched\"");
        String reference = reference(page);

        AbuseCase.Detail detail = caseOfClient();
        assertThat(detail.summary().campaignId()).isEqualTo(campaign.id());
        assertThat(detail.complaints()).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo(AbuseCase.Source.ABUSE_FORM);
            assertThat(c.email()).isEqualTo("ann@" + domain);
            assertThat(c.report()).contains(reference).contains("Message-ID").contains("I never signed up");
            assertThat(c.reporter().email()).isEqualTo(reporter);
            assertThat(c.reporter().ip()).isNull();
        });

        AbuseReport stored = stored(reference);
        assertThat(stored.outcome()).isEqualTo("matched");
        assertThat(stored.clientId()).isEqualTo(client.client().id());
        assertThat(stored.campaignId()).isEqualTo(campaign.id());
        assertThat(stored.caseId()).isEqualTo(detail.summary().id());
        assertThat(stored.matchedBy()).isEqualTo("Message-ID");

        OutboxMessage receipt = receiptTo(reporter);
        assertThat(receipt.subject()).contains(reference);
        assertThat(receipt.clientId()).isNull();
        assertThat(text(receipt)).contains("added to the case").doesNotContain("Cheap boots").doesNotContain("I never signed up");
    }

    @Test
    void theHeadersAlonePastedIndentedAndFoldedJoinTheSameCase() throws Exception {
        report("first@reporters.example.org", sent.raw(), null);
        String headers = sent.raw().split("\r\n\r\n", 2)[0];
        // As a mail program shows them: every line indented, long headers folded again.
        String pasted = headers.lines().map(l -> "    " + l).collect(Collectors.joining("\n"))
                .replace("Message-ID: <", "Message-ID:\n      <");
        String page = report("second@reporters.example.org", pasted, "Same again").getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"abuse-matched\"");

        AbuseCase.Detail detail = caseOfClient();
        assertThat(detail.summary().campaignId()).isEqualTo(campaign.id());
        assertThat(detail.complaints()).hasSize(2).allSatisfy(c -> assertThat(c.source()).isEqualTo(AbuseCase.Source.ABUSE_FORM));
        assertThat(stored(reference(page)).matchedBy()).isIn("Message-ID", "bounce address");
    }

    @Test
    void onlyAPieceOfTheBodyWithATrackingLinkIsEnough() throws Exception {
        String body = sent.raw().split("\r\n\r\n", 2)[1];
        Matcher link = Pattern.compile("(?s)https?://[^\\s\"<>]*/t/c/[A-Za-z0-9_=\\r\\n-]+").matcher(body);
        assertThat(link.find()).as("a tracking link in the sent message").isTrue();
        // The link as it stands in the quoted-printable body, soft line breaks and all, inside some words.
        String pasted = "They keep sending me this:\n\n  Boots: " + link.group() + "\n\nPlease stop them.";
        String page = report("third@reporters.example.org", pasted, null).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"abuse-matched\"");
        AbuseCase.Detail detail = caseOfClient();
        assertThat(detail.summary().campaignId()).isEqualTo(campaign.id());
        assertThat(detail.complaints()).singleElement().satisfies(c -> assertThat(c.email()).isEqualTo("ann@" + domain));
        assertThat(stored(reference(page)).matchedBy()).isEqualTo("tracking link");
    }

    @Test
    void aPasteThatNamesNothingHereIsKeptAsUnmatchedAndTheReporterIsToldSo() throws Exception {
        String forged = sent.raw().replaceAll("Message-ID: <[^>]+>", "Message-ID: <forged.token.x@elsewhere.example>")
                .replaceAll("b-[A-Za-z0-9_.-]+@", "b-forged.token@").replaceAll("/t/[co]/", "/x/").replaceAll("/s/", "/z/");
        String reporter = "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "@reporters.example.org";
        MockHttpServletResponse answer = report(reporter, "From: spammer@elsewhere.example\nSubject: Win!\n\nBuy pills\n"
                + forged, "Spam from somewhere");
        assertThat(answer.getStatus()).isEqualTo(200);
        String page = answer.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"abuse-unmatched\"").contains("could not tell");
        AbuseReport stored = stored(reference(page));
        assertThat(stored.outcome()).isEqualTo("unmatched");
        assertThat(stored.caseId()).isNull();
        assertThat(stored.pasted()).contains("Buy pills");
        assertThat(stored.note()).isEqualTo("Spam from somewhere");
        assertThat(reports.page(operator, "unmatched", null, 200).items()).extracting(AbuseReport::reference)
                .contains(stored.reference());
        assertThat(cases.page(operator, new AbuseCases.Filter(null, client.client().id(), null), null, 50).items()).isEmpty();
        assertThat(text(receiptTo(reporter))).contains("could not tell");

        // The message's own pieces, each with one character changed, verify to nothing.
        PastedMessage.Evidence real = PastedMessage.read(sent.raw());
        assertThat(real.trackingTokens()).isNotEmpty();
        assertThat(real.unsubscribeTokens()).isNotEmpty();
        String tracking = real.trackingTokens().get(0);
        String forgedTracking = tracking.substring(0, 30) + (tracking.charAt(30) == 'A' ? 'B' : 'A') + tracking.substring(31);
        String verpId = real.messageIds().stream().filter(id -> id.chars().filter(c -> c == '.').count() >= 3).findFirst()
                .orElseThrow();
        String tamperedPaste = "Message-ID: <" + Fixtures.tampered(verpId) + ">\nSee https://o.example/t/c/" + forgedTracking
                + "\nhttps://o.example/s/unsubscribe/" + Fixtures.tampered(real.unsubscribeTokens().get(0)) + "\n";
        String tamperedPage = report("forger@reporters.example.org", tamperedPaste, null).getContentAsString(StandardCharsets.UTF_8);
        assertThat(tamperedPage).contains("id=\"abuse-unmatched\"");
        assertThat(cases.page(operator, new AbuseCases.Filter(null, client.client().id(), null), null, 50).items()).isEmpty();
    }

    @Test
    void leadsAreStoredListedAnsweredOnceAndPurgedAfterTheRetention() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Lead first = leads.submit(new Leads.ContactInput("Ida " + tag, "ida-" + tag + "@shop.example.org", "Ida GmbH",
                "+49 40 555", "Quote, please", true));
        Lead second = leads.submit(new Leads.ContactInput("Jon " + tag, "jon-" + tag + "@shop.example.org", "Jon Ltd",
                null, "Hello", true));
        assertThat(leads.page(operator, "new", null, 200).items()).extracting(Lead::id).contains(first.id(), second.id());
        // Newest first, one at a time through the cursor.
        var page = leads.page(operator, null, null, 1);
        assertThat(page.items()).hasSize(1);
        assertThat(leads.page(operator, null, page.nextCursor(), 1).items()).hasSize(1);

        Lead answered = leads.markAnswered(operator, first.id(), "Sent a quote");
        assertThat(answered.status()).isEqualTo("answered");
        assertThat(answered.answeredBy()).isEqualTo(operator.label());
        assertThat(leads.page(operator, "answered", null, 200).items()).extracting(Lead::id).contains(first.id())
                .doesNotContain(second.id());
        assertThat(leads.page(operator, "new", null, 200).items()).extracting(Lead::id).doesNotContain(first.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> leads.markAnswered(operator, first.id(), null))
                .isInstanceOf(org.optline.platform.ConflictException.class);

        // An answered lead is deleted once the retention has passed since its answer; a new one stays.
        jdbc.sql("update site_leads set answered_at = :at where id = :id")
                .param("at", OffsetDateTime.now().minus(Duration.ofDays(400))).param("id", first.id()).update();
        leads.purgeOld();
        assertThat(jdbc.sql("select count(*) from site_leads where id in (:ids)").param("ids", List.of(first.id(), second.id()))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theVisitorsAddressIsNeitherInLeadsNorInReports() throws Exception {
        String address = "203.0.113.197";
        // Other tests of the shared database file reports that carry addresses of this range (an
        // ARF report's Source-IP): what counts is that these two posts add none.
        long before = rowsHolding(address);
        mvc.perform(post("/contact").with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).param("name", "Vic").param("email", "vic@shop.example.org").param("company", "Vic").param("message", "Hi")
                .param("consent", "yes")).andReturn();
        mvc.perform(post("/abuse").with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).param("reporterEmail", "vic@shop.example.org").param("pasted", sent.raw())).andReturn();
        assertThat(rowsHolding(address)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from site_leads where email = 'vic@shop.example.org'").query(Long.class).single())
                .isEqualTo(1);
    }

    /** Rows of the forms' tables and of the complaints they file that hold any part of the network of {@code address}. */
    private long rowsHolding(String address) {
        String network = "%" + address.substring(0, address.lastIndexOf('.')) + "%";
        long leads = jdbc.sql("select count(*) from site_leads where concat(name, email, company, message) like :n")
                .param("n", network).query(Long.class).single();
        long reports = jdbc.sql("select count(*) from site_abuse_reports where concat(reporter_email, coalesce(note, ''),"
                + " coalesce(matched_by, '')) like :n").param("n", network).query(Long.class).single();
        long complaints = scope.asPlatform(() -> jdbc.sql("select count(*) from abuse_complaints where "
                + "coalesce(reporter_ip, '') like :n or coalesce(report, '') like :n").param("n", network).query(Long.class).single());
        return leads + reports + complaints;
    }

    private MockHttpServletResponse report(String reporter, String pasted, String note) throws Exception {
        String address = "192.0.2." + NEXT_ADDRESS.getAndIncrement() % 250;
        var call = post("/abuse").with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).param("reporterEmail", reporter).param("pasted", pasted);
        if (note != null) {
            call.param("note", note);
        }
        return mvc.perform(call).andReturn().getResponse();
    }

    /** A captured message's text with quoted-printable soft breaks undone (the receipts are plain ASCII otherwise). */
    private static String text(OutboxMessage m) {
        return m.raw().replace("=\r\n", "");
    }

    private static String reference(String page) {
        Matcher m = Pattern.compile("id=\"abuse-reference\">(R-[0-9A-Z]{8})<").matcher(page);
        assertThat(m.find()).as("a reference on the page").isTrue();
        return m.group(1);
    }

    private AbuseReport stored(String reference) {
        return reports.page(operator, "all", null, 200).items().stream().filter(r -> r.reference().equals(reference))
                .findFirst().orElseThrow();
    }

    private AbuseCase.Detail caseOfClient() {
        List<AbuseCase> found = cases.page(operator, new AbuseCases.Filter(null, client.client().id(), null), null, 50).items();
        assertThat(found).hasSize(1);
        return cases.get(operator, found.get(0).id());
    }

    private OutboxMessage receiptTo(String reporter) {
        return outbox.page(operator, null, 200).items().stream().filter(m -> m.recipient().equals(reporter)
                && "site-abuse-receipt".equals(m.kind())).findFirst().orElseThrow();
    }
}
