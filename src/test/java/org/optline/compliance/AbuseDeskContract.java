package org.optline.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.MailProperties;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.inbound.InboundMail;
import org.optline.inbound.listener.InboundListener;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditFilter;
import org.optline.platform.AuditLog;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.ValidationException;
import org.optline.test.FeedbackReports;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abuse desk on a real database: an ARF report arriving over the inbound listener opens a
 * case holding the report, the campaign and the subscriber's consent ledger with the import's
 * attestation and file hash; a second complaint about the same campaign joins it; every state move
 * is audited and resolving as suspended suspends the client; a warning reaches the client without
 * the report or the reporter; bad input is problem JSON; another client's complaint is not found.
 */
abstract class AbuseDeskContract {

    private static final Duration PROCESSED = Duration.ofSeconds(30);

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Imports imports;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired InboundListener listener;
    @Autowired InboundMail inbound;
    @Autowired MailProperties mail;
    @Autowired AbuseCases cases;
    @Autowired ClientComplaints complaints;
    @Autowired AuditLog audit;
    @Autowired MockMvc mvc;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Actor operator = Fixtures.operator();

    CreatedClient client;
    Actor admin;
    MailingList list;
    Campaign campaign;
    String domain;
    byte[] csv;
    final Map<String, UUID> people = new LinkedHashMap<>();
    Map<String, OutboxMessage> sent;

    @BeforeEach
    void aCampaignSentToASignedUpAndAnImportedSubscriber() {
        client = Fixtures.client(clients, "Abuse desk shop");
        admin = Fixtures.admin(client);
        list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("abuse.de");
        domains.add(admin, domain);
        people.put("ann", subscribers.save(admin, new SubscriberInput("ann@" + domain, "Ann", Map.of(), List.of(list.id()),
                new ConsentSource(ConsentChannel.FORM, "shop-footer", "198.51.100.7", "Firefox",
                        "Yes, send me the weekly news")), false).subscriber().id());
        csv = ("email,name\nimp@" + domain + ",Imp\n").getBytes(StandardCharsets.UTF_8);
        ImportJob job = imports.upload(admin, list.id(), "fair-2026.csv", new ByteArrayInputStream(csv));
        imports.start(admin, job.id(), null, "Signed up on paper at the spring fair 2026");
        await().atMost(PROCESSED).until(() -> imports.get(admin, job.id()).finished());
        people.put("imp", subscribers.findByEmail(admin, "imp@" + domain).orElseThrow().id());
        campaign = campaigns.create(admin, new Campaigns.CampaignInput("Spring sale", "Hello", null, "Shop", "news@" + domain,
                null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        sent = new LinkedHashMap<>();
        outbox.page(admin, null, 200).items().stream().filter(m -> campaign.id().equals(m.campaignId()))
                .forEach(m -> sent.put(m.recipient().substring(0, m.recipient().indexOf('@')), m));
        assertThat(sent).containsOnlyKeys("ann", "imp");
    }

    @Test
    void anArfReportOverTheListenerOpensACaseWithTheReportTheCampaignAndTheImportsAttestation() throws Exception {
        assertThat(smtp("feedback@fbl.example.net", "fbl@" + mail.bounceDomain(), arf("imp"))).startsWith("250");

        await().atMost(PROCESSED).until(() -> !casesOfClient().isEmpty());
        AbuseCase.Detail detail = cases.get(operator, casesOfClient().get(0).id());
        AbuseCase kase = detail.summary();
        assertThat(kase.campaignId()).isEqualTo(campaign.id());
        assertThat(kase.campaignName()).isEqualTo("Spring sale");
        assertThat(kase.clientName()).isEqualTo("Abuse desk shop");
        assertThat(kase.state()).isEqualTo(CaseState.OPEN);
        assertThat(kase.severity()).isEqualTo(Severity.LOW);
        assertThat(kase.complaints()).isEqualTo(1);
        assertThat(detail.complaints()).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo(AbuseCase.Source.FEEDBACK_LOOP);
            assertThat(c.subscriberId()).isEqualTo(people.get("imp"));
            assertThat(c.email()).isEqualTo("imp@" + domain);
            assertThat(c.feedbackType()).isEqualTo("abuse");
            assertThat(c.userAgent()).isEqualTo("ExampleFBL/1.0");
            // The report's fields and the returned message's headers, as inbound kept them.
            assertThat(c.report()).contains("Feedback-Type: abuse", "Original-Rcpt-To: imp@" + domain,
                    "Message-ID:", "Matched-By:");
        });
        assertThat(detail.evidence()).singleElement().satisfies(e -> {
            assertThat(e.email()).isEqualTo("imp@" + domain);
            assertThat(e.ledger()).anySatisfy(l -> {
                assertThat(l.event()).isEqualTo(ConsentAct.IMPORTED);
                assertThat(l.sourceKind()).isEqualTo(ConsentChannel.IMPORT);
            }).anySatisfy(l -> assertThat(l.event()).isEqualTo(ConsentAct.COMPLAINED));
            assertThat(e.imports()).singleElement().satisfies(j -> {
                assertThat(j.attestation()).isEqualTo("Signed up on paper at the spring fair 2026");
                assertThat(j.fileName()).isEqualTo("fair-2026.csv");
                assertThat(j.fileSha256()).isEqualToIgnoringCase(sha256(csv));
            });
        });
        assertThat(auditActions()).contains("abuse-case.opened");

        // The API shows the same case with its evidence.
        JsonNode body = json.readTree(call(get("/api/v1/abuse-cases/" + kase.id()), Fixtures.OPERATOR_KEY, 200));
        assertThat(body.get("abuseCase").get("campaignName").asString()).isEqualTo("Spring sale");
        assertThat(body.get("evidence").get(0).get("imports").get(0).get("fileSha256").asString())
                .isEqualToIgnoringCase(sha256(csv));
        assertThat(body.get("evidence").get(0).get("doubleOptIn").asBoolean()).isFalse();
        assertThat(body.get("complaints").get(0).get("report").asString()).contains("Feedback-Type: abuse");
        // Beside the evidence, the client's standing now: two messages sent and this complaint,
        // too few messages for the rates to act.
        JsonNode standing = body.get("clientStanding");
        assertThat(standing.get("sent").asLong()).isEqualTo(2);
        assertThat(standing.get("complaints").asLong()).isEqualTo(1);
        assertThat(standing.get("level").asString()).isEqualTo("quiet");
        assertThat(standing.get("thresholds").get("complaintPause").asDouble()).isPositive();
    }

    @Test
    void aReplySayingItIsSpamIsAComplaintFiledWithTheReplysWords() throws Exception {
        String replyTo = header("ann", "Reply-To").replaceAll(".*<([^>]+)>.*", "$1");
        String reply = """
                From: Ann <ann@%1$s>
                To: %2$s
                Subject: Re: Hello
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <reply-%3$s@%1$s>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                This is spam. I never signed up for this.

                > Hi
                """.formatted(domain, replyTo, UUID.randomUUID()).replace("\r\n", "\n").replace("\n", "\r\n");
        assertThat(smtp("ann@" + domain, replyTo, reply)).startsWith("250");

        await().atMost(PROCESSED).until(() -> !casesOfClient().isEmpty());
        AbuseCase.Detail detail = cases.get(operator, casesOfClient().get(0).id());
        assertThat(detail.summary().campaignId()).isEqualTo(campaign.id());
        // A person wrote in: more than a click on a spam button.
        assertThat(detail.summary().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(detail.complaints()).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo(AbuseCase.Source.REPLY);
            assertThat(c.subscriberId()).isEqualTo(people.get("ann"));
            assertThat(c.feedbackType()).isEqualTo("abuse");
            assertThat(c.report()).contains("Matched-By: reply address", "Subject: Re: Hello",
                    "This is spam. I never signed up for this.").doesNotContain("> Hi");
        });
        // Handled as a complaint: off the lists, suppressed, the ledger says so.
        assertThat(subscribers.get(admin, people.get("ann")).status().wireName()).isEqualTo("complained");
        assertThat(detail.evidence()).singleElement().satisfies(e ->
                assertThat(e.ledger()).anySatisfy(l -> assertThat(l.event()).isEqualTo(ConsentAct.COMPLAINED)));
        assertThat(complaints.page(admin, null, 10).items()).singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo("reply"));
    }

    @Test
    void aSecondComplaintAboutTheSameCampaignJoinsTheCaseAndRaisesItsSeverity() {
        inbound.feedRaw(operator, arf("ann").getBytes(StandardCharsets.UTF_8));
        inbound.feedRaw(operator, arf("imp").getBytes(StandardCharsets.UTF_8));

        List<AbuseCase> open = casesOfClient();
        assertThat(open).singleElement().satisfies(k -> {
            assertThat(k.complaints()).isEqualTo(2);
            assertThat(k.severity()).isEqualTo(Severity.MEDIUM);
        });
        AbuseCase.Detail detail = cases.get(operator, open.get(0).id());
        assertThat(detail.complaints()).extracting(AbuseCase.Complaint::email).containsExactly("ann@" + domain, "imp@" + domain);
        assertThat(detail.evidence()).extracting(r -> r.email()).containsExactly("ann@" + domain, "imp@" + domain);
        assertThat(detail.evidence().get(0).ledger()).anySatisfy(l -> {
            assertThat(l.sourceKind()).isEqualTo(ConsentChannel.FORM);
            assertThat(l.ip()).isEqualTo("198.51.100.7");
            assertThat(l.consentText()).isEqualTo("Yes, send me the weekly news");
        });
        assertThat(detail.notes()).extracting(AbuseCase.Note::kind).containsExactly("opened", "joined");

        // Without a campaign the complaint opens the client's case for its mail with no campaign known.
        AbuseCase noCampaign = cases.report(operator, new AbuseCases.OperatorReport(client.client().id(), null,
                "ann@" + domain, null, "Forwarded to abuse@ by the recipient's employer"));
        assertThat(noCampaign.id()).isNotEqualTo(open.get(0).id());
        assertThat(noCampaign.campaignId()).isNull();
        assertThat(noCampaign.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(casesOfClient()).hasSize(2);
    }

    @Test
    void complaintsArrivingTogetherEndInOneCaseEachCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AbuseCase>> filed = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String report = "Complaint " + i;
                filed.add(pool.submit(() -> cases.report(operator, new AbuseCases.OperatorReport(client.client().id(),
                        campaign.id(), "ann@" + domain, "abuse", report))));
            }
            for (Future<AbuseCase> f : filed) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(casesOfClient()).singleElement().satisfies(k -> {
            assertThat(k.complaints()).isEqualTo(8);
            assertThat(k.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(cases.get(operator, casesOfClient().get(0).id()).notes()).extracting(AbuseCase.Note::kind)
                .containsOnlyOnce("opened");
    }

    @Test
    void everyStateMoveIsAuditedAndResolvingAsSuspendedSuspendsTheClient() throws Exception {
        String created = call(post("/api/v1/abuse-cases").contentType(MediaType.APPLICATION_JSON).content("""
                {"clientId": "%s", "campaignId": "%s", "email": "ann@%s", "feedbackType": "fraud",
                 "report": "Phishing for card numbers, says the recipient"}""".formatted(client.client().id(), campaign.id(),
                domain)), Fixtures.OPERATOR_KEY, 201);
        JsonNode kase = json.readTree(created);
        String id = kase.get("id").asString();
        assertThat(kase.get("severity").asString()).isEqualTo("high");
        assertThat(kase.get("state").asString()).isEqualTo("open");

        call(post("/api/v1/abuse-cases/" + id + "/state").contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"investigating\", \"note\": \"Asked the client where the list came from\"}"),
                Fixtures.OPERATOR_KEY, 200);
        call(post("/api/v1/abuse-cases/" + id + "/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"The client bought the list\"}"), Fixtures.OPERATOR_KEY, 201);
        JsonNode resolved = json.readTree(call(post("/api/v1/abuse-cases/" + id + "/state").contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"resolved\", \"resolution\": \"client_suspended\", \"note\": \"Bought list\"}"),
                Fixtures.OPERATOR_KEY, 200));

        assertThat(resolved.get("state").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolution").asString()).isEqualTo("client_suspended");
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(auditActions()).contains("abuse-case.opened", "abuse-case.investigating", "abuse-case.noted",
                "abuse-case.resolved", "client.suspended");
        assertThat(cases.get(operator, UUID.fromString(id)).notes()).extracting(AbuseCase.Note::kind)
                .containsExactly("opened", "state", "note", "state");

        // A resolved case stays resolved, and the next complaint opens a new one.
        String refused = call(post("/api/v1/abuse-cases/" + id + "/state").contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"open\", \"note\": \"again\"}"), Fixtures.OPERATOR_KEY, 409);
        assertThat(refused).contains("resolved");
        inbound.feedRaw(operator, arf("imp").getBytes(StandardCharsets.UTF_8));
        assertThat(casesOfClient()).hasSize(2).anyMatch(k -> k.state() == CaseState.OPEN && !k.id().toString().equals(id));
    }

    @Test
    void resolvingAsTerminatedTerminatesTheClient() {
        AbuseCase kase = cases.report(operator, new AbuseCases.OperatorReport(client.client().id(), campaign.id(),
                "imp@" + domain, "abuse", "Third complaint this month"));
        cases.changeState(operator, kase.id(), new AbuseCases.StateChange("resolved", "client_terminated", "Repeated abuse"));
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.TERMINATED);
        assertThat(auditActions()).contains("client.terminated", "abuse-case.resolved");
    }

    @Test
    void theClientSeesItsComplaintsAndTheWarningButNeitherTheReportNorTheReporter() throws Exception {
        inbound.feedRaw(operator, arf("imp").getBytes(StandardCharsets.UTF_8));
        UUID fromSite = cases.reportFromSite(new AbuseCases.SiteReport(client.client().id(), campaign.id(), "ann@" + domain,
                "I never signed up for this shop", new AbuseCase.Reporter("Rita Reporter", "rita@witness.test", "203.0.113.9")));
        AbuseCase kase = casesOfClient().get(0);
        assertThat(kase.id()).isEqualTo(fromSite);
        assertThat(cases.get(operator, kase.id()).complaints()).anySatisfy(c ->
                assertThat(c.reporter()).isEqualTo(new AbuseCase.Reporter("Rita Reporter", "rita@witness.test", "203.0.113.9")));
        cases.changeState(operator, kase.id(), new AbuseCases.StateChange("resolved", "client_warned",
                "Two complaints about one campaign: check how these addresses were collected."));
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);

        String page = call(get("/api/v1/complaints"), client.adminApiKey().secret(), 200);
        JsonNode items = json.readTree(page).get("items");
        assertThat(items).hasSize(2);
        for (JsonNode item : items) {
            assertThat(item.get("campaignName").asString()).isEqualTo("Spring sale");
            assertThat(item.get("caseState").asString()).isEqualTo("resolved");
            assertThat(item.get("warning").asString()).startsWith("Two complaints about one campaign");
        }
        assertThat(items.get(0).get("email").asString()).isEqualTo("ann@" + domain);
        assertThat(items.get(1).get("feedbackType").asString()).isEqualTo("abuse");
        assertThat(page).doesNotContain("Rita", "rita@witness.test", "203.0.113.9", "never signed up", "ExampleFBL",
                "Feedback-Type", "Message-ID");
        String one = call(get("/api/v1/complaints/" + items.get(0).get("id").asString()), client.adminApiKey().secret(), 200);
        assertThat(one).contains("ann@" + domain).doesNotContain("rita@witness.test", "never signed up");

        // Paging: one a page, newest first, then the other.
        JsonNode first = json.readTree(call(get("/api/v1/complaints?limit=1"), client.adminApiKey().secret(), 200));
        assertThat(first.get("items")).hasSize(1);
        JsonNode second = json.readTree(call(get("/api/v1/complaints?limit=1&cursor=" + first.get("nextCursor").asString()),
                client.adminApiKey().secret(), 200));
        assertThat(second.get("items").get(0).get("id").asString()).isEqualTo(items.get(1).get("id").asString());
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void badInputIsProblemJsonWithFieldErrors() throws Exception {
        String empty = call(post("/api/v1/abuse-cases").contentType(MediaType.APPLICATION_JSON).content("{}"),
                Fixtures.OPERATOR_KEY, 400);
        assertThat(fields(empty)).containsExactly("clientId", "email", "report");
        String wrong = call(post("/api/v1/abuse-cases").contentType(MediaType.APPLICATION_JSON).content("""
                {"clientId": "%s", "campaignId": "%s", "email": "not an address", "feedbackType": "spam", "report": "x"}"""
                .formatted(client.client().id(), UUID.randomUUID())), Fixtures.OPERATOR_KEY, 400);
        assertThat(fields(wrong)).containsExactly("email", "feedbackType");
        String badId = call(post("/api/v1/abuse-cases").contentType(MediaType.APPLICATION_JSON)
                .content("{\"clientId\": \"nope\", \"email\": \"a@b.de\", \"report\": \"x\"}"), Fixtures.OPERATOR_KEY, 400);
        assertThat(fields(badId)).containsExactly("clientId");
        String foreignCampaign = call(post("/api/v1/abuse-cases").contentType(MediaType.APPLICATION_JSON).content("""
                {"clientId": "%s", "campaignId": "%s", "email": "a@b.de", "report": "x"}"""
                .formatted(client.client().id(), UUID.randomUUID())), Fixtures.OPERATOR_KEY, 400);
        assertThat(fields(foreignCampaign)).containsExactly("campaignId");

        AbuseCase kase = cases.report(operator, new AbuseCases.OperatorReport(client.client().id(), null, "ann@" + domain,
                null, "A call"));
        String path = "/api/v1/abuse-cases/" + kase.id() + "/state";
        assertThat(fields(call(post(path).contentType(MediaType.APPLICATION_JSON).content("{\"state\": \"closed\"}"),
                Fixtures.OPERATOR_KEY, 400))).containsExactly("state", "note");
        assertThat(fields(call(post(path).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"resolved\", \"resolution\": \"fined\", \"note\": \"n\"}"), Fixtures.OPERATOR_KEY, 400)))
                .containsExactly("resolution");
        assertThat(fields(call(post(path).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"investigating\", \"resolution\": \"no_action\", \"note\": \"n\"}"),
                Fixtures.OPERATOR_KEY, 400))).containsExactly("resolution");
        assertThat(fields(call(post("/api/v1/abuse-cases/" + kase.id() + "/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"  \"}"), Fixtures.OPERATOR_KEY, 400))).containsExactly("text");
        assertThat(fields(call(get("/api/v1/abuse-cases?severity=urgent"), Fixtures.OPERATOR_KEY, 400))).containsExactly("severity");
        assertThat(fields(call(get("/api/v1/abuse-cases?cursor=abc"), Fixtures.OPERATOR_KEY, 400))).containsExactly("cursor");
        assertThat(cases.get(operator, kase.id()).summary().state()).isEqualTo(CaseState.OPEN);

        // The site's abuse form: the same rules, the reporter's contact checked too.
        assertThatThrownBy(() -> cases.reportFromSite(new AbuseCases.SiteReport(UUID.randomUUID(), null, "a@b.de", "",
                new AbuseCase.Reporter("R", "not an address", null))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("clientId", "text", "reporterEmail"));

        // The desk is the operator's: a client's key finds nothing there, and the client's list is not the operator's.
        call(get("/api/v1/abuse-cases"), client.adminApiKey().secret(), 404);
        call(get("/api/v1/abuse-cases/" + kase.id()), client.adminApiKey().secret(), 404);
        call(post(path).contentType(MediaType.APPLICATION_JSON).content("{\"state\": \"resolved\", \"resolution\": "
                + "\"no_action\", \"note\": \"mine\"}"), client.adminApiKey().secret(), 404);
        call(get("/api/v1/complaints"), Fixtures.OPERATOR_KEY, 404);
    }

    @Test
    void anotherClientsComplaintIsNotFoundAndNotListed() throws Exception {
        CreatedClient other = Fixtures.client(clients, "Other shop");
        inbound.feedRaw(operator, arf("imp").getBytes(StandardCharsets.UTF_8));
        UUID theirs = complaints.page(admin, null, 10).items().get(0).id();

        String otherKey = other.adminApiKey().secret();
        String missing = call(get("/api/v1/complaints/" + UUID.randomUUID()), otherKey, 404);
        String foreign = call(get("/api/v1/complaints/" + theirs), otherKey, 404);
        assertThat(foreign.replaceAll("\"instance\":\"[^\"]*\",?", ""))
                .isEqualTo(missing.replaceAll("\"instance\":\"[^\"]*\",?", ""));
        assertThat(json.readTree(call(get("/api/v1/complaints"), otherKey, 200)).get("items")).isEmpty();
        assertThat(cases.page(operator, new AbuseCases.Filter(null, other.client().id(), null), null, 10).items()).isEmpty();
    }

    @Test
    void erasingTheSubscriberTakesTheAddressAndTheReportOutOfTheCase() {
        inbound.feedRaw(operator, arf("imp").getBytes(StandardCharsets.UTF_8));
        AbuseCase kase = casesOfClient().get(0);
        subscribers.erase(admin, people.get("imp"), "asked to be forgotten");

        AbuseCase.Detail detail = cases.get(operator, kase.id());
        assertThat(detail.summary().complaints()).isEqualTo(1);
        assertThat(detail.complaints()).singleElement().satisfies(c -> {
            assertThat(c.erased()).isTrue();
            assertThat(c.email()).isNull();
            assertThat(c.report()).isNull();
        });
        assertThat(detail.evidence()).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------

    private List<AbuseCase> casesOfClient() {
        return cases.page(operator, new AbuseCases.Filter(null, client.client().id(), null), null, 50).items();
    }

    private List<String> auditActions() {
        return audit.search(operator, new AuditFilter(null, null, null, null, client.client().id()), null, 200).items()
                .stream().map(AuditEntry::action).toList();
    }

    private String call(MockHttpServletRequestBuilder request, String key, int status) throws Exception {
        MvcResult result = mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        if (status >= 400) {
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        }
        return body;
    }

    private List<String> fields(String problem) throws Exception {
        return json.readTree(problem).get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    /** A feedback-loop report (ARF, RFC 5965) about the campaign's message to {@code person}, returning it whole. */
    private String arf(String person) {
        return FeedbackReports.abuse(mail.bounceDomain(), person + "@" + domain, sent.get(person).raw());
    }

    private String header(String person, String name) {
        String raw = sent.get(person).raw().replaceAll("\r\n[ \t]+", " ");
        return raw.replaceAll("(?s).*\r\n" + name + ": ([^\r\n]*)\r\n.*", "$1");
    }

    private String smtp(String from, String rcpt, String message) throws Exception {
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            return smtp.send(from, rcpt, message);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
