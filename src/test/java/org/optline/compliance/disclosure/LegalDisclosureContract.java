package org.optline.compliance.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.CustomFields;
import org.optline.audience.EmailAddress;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditFilter;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.ingest.EventWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Legal disclosure (DESIGN promise 8): two clients hold the same address, one through an attested
 * import and one through a form, each sent a campaign that was opened, with an inbound reply or
 * complaint and suppressions. The disclosure holds both clients' records and nothing of anyone
 * else, is audited once on the platform's side (the address as its hash), answers and audits an
 * address nobody holds, and refuses (and does not audit) a request without a legal basis, a bad
 * address or a client's key. On H2 and PostgreSQL.
 */
abstract class LegalDisclosureContract {

    static final String OPERATOR = "Bearer " + Fixtures.OPERATOR_KEY;

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Imports imports;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired EventWriter events;
    @Autowired AuditLog audit;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** One client's side of the scene: who it is and what only it holds about the shared address. */
    record Holder(CreatedClient client, Actor admin, UUID subscriberId, Campaign campaign, String name, String colour,
                  String inboundMarker) {}

    String run;
    String email;
    String bystander;
    Holder alpha;
    Holder bravo;

    @BeforeEach
    void twoClientsHoldTheSameAddress() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        email = "pat." + run + "@posteo.de";
        bystander = "sam." + run + "@posteo.de";
        alpha = holder("Alpha", true);
        bravo = holder("Bravo", false);
        // Bravo's answer: a complaint; Alpha's: a reply the person wrote.
        scope.inClient(alpha.client().client().id(), () -> jdbc.sql("insert into inbound_replies (id, client_id, subscriber_id, "
                        + "campaign_id, inbound_message_id, from_address, subject, text_body, received_at) values (:id, :c, :s, :k, :m, "
                        + ":from, 'Re: Autumn sale', :text, :at)")
                .param("id", UUID.randomUUID()).param("c", alpha.client().client().id()).param("s", alpha.subscriberId())
                .param("k", alpha.campaign().id()).param("m", UUID.randomUUID()).param("from", email)
                .param("text", alpha.inboundMarker()).param("at", OffsetDateTime.now(ZoneOffset.UTC)).update());
        scope.inClient(bravo.client().client().id(), () -> jdbc.sql("insert into inbound_complaints (id, client_id, subscriber_id, "
                        + "campaign_id, inbound_message_id, feedback_type, user_agent, report, received_at) values (:id, :c, :s, :k, "
                        + ":m, 'abuse', 'SomeGenerator/1.0', :report, :at)")
                .param("id", UUID.randomUUID()).param("c", bravo.client().client().id()).param("s", bravo.subscriberId())
                .param("k", bravo.campaign().id()).param("m", UUID.randomUUID()).param("report", bravo.inboundMarker())
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).update());
        suppressions.add(bravo.admin(), email, "manual");
        suppressions.suppressPlatformWide(EmailAddress.of("email", email), SuppressionReason.COMPLAINED, "test " + run);
    }

    /**
     * A client holding the address with a name and a field value of its own, and a bystander on
     * the same list; a campaign sent to both through the capture outbox, opened by the address.
     */
    Holder holder(String label, boolean imported) throws Exception {
        CreatedClient client = Fixtures.client(clients, label + " " + run);
        Actor admin = Fixtures.admin(client);
        String name = "Pat " + label + " " + run;
        String colour = label.toLowerCase() + "-teal-" + run;
        MailingList list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        fields.create(admin, "colour", "Favourite colour", "text");
        UUID subscriberId;
        if (imported) {
            String csv = "email,name,colour\n" + email + "," + name + "," + colour + "\n" + bystander + ",Sam Bystander " + run
                    + ",grey\n";
            ImportJob uploaded = imports.upload(admin, list.id(), "people-" + run + ".csv",
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
            imports.start(admin, uploaded.id(), null, "Opted in at our shop counter " + run);
            ImportJob done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> imports.get(admin, uploaded.id()), ImportJob::finished);
            assertThat(done.rowsImported()).isEqualTo(2);
            subscriberId = subscribers.findByEmail(admin, email).orElseThrow().id();
        } else {
            subscriberId = subscribers.save(admin, new SubscriberInput(email, name, Map.of("colour", colour), List.of(list.id()),
                    new ConsentSource(ConsentChannel.FORM, "shop-form", "203.0.113.7", "Firefox", "Yes, send me the " + label
                            + " news " + run)), true).subscriber().id();
            subscribers.save(admin, new SubscriberInput(bystander, "Sam Bystander " + run, Map.of(), List.of(list.id()), null), true);
        }
        String domain = Fixtures.domain("disclosure.de");
        domains.add(admin, domain);
        Campaign campaign = campaigns.create(admin, new Campaigns.CampaignInput("Autumn sale " + label, "Hello", null, "Shop",
                "news@" + domain, null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CompletableFuture<Void> stored = events.submit(new TrackedEvent(UUID.randomUUID(), client.client().id(), campaign.id(),
                subscriberId, TrackedEvent.Kind.OPEN, -1, at, TrackedEvent.Source.HUMAN, "human", "other"));
        stored.get(30, TimeUnit.SECONDS);
        return new Holder(client, admin, subscriberId, campaign, name, colour, label + " inbound words " + run);
    }

    MvcResult disclose(String authorization, String body) throws Exception {
        return mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    static String body(String email, String legalBasis) {
        return "{\"email\": " + quoted(email) + ", \"legalBasis\": " + quoted(legalBasis) + "}";
    }

    static String quoted(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    List<AuditEntry> disclosures() {
        return audit.search(Fixtures.operator(), new AuditFilter(null, LegalDisclosures.ACTION, null, null, null), null, 200).items();
    }

    @Test
    void theRecordHoldsBothClientsDataAndNothingOfAnyoneElse() throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body("  " + email.toUpperCase() + " ", "Court order 12/" + run)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, org.hamcrest.Matchers.startsWith("attachment; filename=\"legal-disclosure-")))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("no-store")))
                .andReturn();
        String json = result.getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat((Integer) JsonPath.read(json, "$.disclosure.clientsHolding")).isEqualTo(2);
        assertThat((String) JsonPath.read(json, "$.disclosure.legalBasis")).isEqualTo("Court order 12/" + run);
        assertThat((String) JsonPath.read(json, "$.disclosure.emailHash")).isEqualTo(EmailAddress.of("email", email).hash());
        assertThat((String) JsonPath.read(json, "$.platformSuppression.reason")).isEqualTo("complained");
        assertThat((List<String>) JsonPath.read(json, "$.clients[*].clientId"))
                .containsExactly(alpha.client().client().id().toString(), bravo.client().client().id().toString());

        for (Holder h : List.of(alpha, bravo)) {
            String c = "$.clients[?(@.clientId == '" + h.client().client().id() + "')]";
            assertThat((List<String>) JsonPath.read(json, c + ".clientName")).containsExactly(h.client().client().name());
            assertThat((List<String>) JsonPath.read(json, c + ".subscriber.id")).containsExactly(h.subscriberId().toString());
            assertThat((List<String>) JsonPath.read(json, c + ".subscriber.name")).containsExactly(h.name());
            assertThat((List<String>) JsonPath.read(json, c + ".fields.colour")).containsExactly(h.colour());
            assertThat((List<String>) JsonPath.read(json, c + ".lists[*].name")).containsExactly("News");
            assertThat((List<String>) JsonPath.read(json, c + ".delivery.sendQueue[*].campaignId"))
                    .containsExactly(h.campaign().id().toString());
            assertThat((List<String>) JsonPath.read(json, c + ".delivery.sendQueue[*].state")).containsExactly("sent");
            assertThat((List<String>) JsonPath.read(json, c + ".delivery.outbox[*].campaignId"))
                    .containsExactly(h.campaign().id().toString());
            assertThat((List<String>) JsonPath.read(json, c + ".trackingEvents[*].kind")).containsExactly("open");
            assertThat((List<String>) JsonPath.read(json, c + ".activity[*].kind")).contains("sent");
        }
        String a = "$.clients[?(@.clientId == '" + alpha.client().client().id() + "')]";
        String b = "$.clients[?(@.clientId == '" + bravo.client().client().id() + "')]";
        assertThat((List<String>) JsonPath.read(json, a + ".consent[*].event")).containsExactly("imported");
        assertThat((List<String>) JsonPath.read(json, a + ".imports[*].attestation")).containsExactly("Opted in at our shop counter " + run);
        assertThat((List<String>) JsonPath.read(json, a + ".imports[*].fileSha256")).singleElement().asString().matches("[0-9a-f]{64}");
        assertThat((List<String>) JsonPath.read(json, a + ".inbound.replies[*].text")).containsExactly(alpha.inboundMarker());
        assertThat((List<Object>) JsonPath.read(json, a + ".suppression")).containsExactly((Object) null);
        assertThat((List<String>) JsonPath.read(json, b + ".consent[*].consentText")).contains("Yes, send me the Bravo news " + run);
        assertThat((List<String>) JsonPath.read(json, b + ".consent[*].ip")).contains("203.0.113.7");
        assertThat((List<String>) JsonPath.read(json, b + ".inbound.complaints[*].report")).containsExactly(bravo.inboundMarker());
        assertThat((List<String>) JsonPath.read(json, b + ".suppression.reason")).containsExactly("manual");

        assertThat(json).as("the bystander on the same lists, sent the same campaigns")
                .doesNotContain(bystander).doesNotContain("Sam Bystander").doesNotContain("grey")
                .as("message text carries live links and is left out").doesNotContain("/s/unsubscribe/");
    }

    @Test
    void theDisclosureIsAuditedOnceForThePlatformWithTheBasisAndTheAddressAsItsHash() throws Exception {
        int before = disclosures().size();
        MvcResult result = disclose(OPERATOR, body(email, "Subpoena 7 of the district court, case " + run));
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String id = JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.disclosure.id");

        List<AuditEntry> after = disclosures();
        assertThat(after).hasSize(before + 1);
        AuditEntry entry = after.get(0);
        assertThat(entry.clientId()).as("a platform entry, which no client's admin reads").isNull();
        assertThat(entry.actorLabel()).isNotBlank();
        assertThat(entry.target()).isEqualTo("email-hash:" + EmailAddress.of("email", email).hash());
        assertThat(entry.detail()).isEqualTo("id=" + id + "; clients=2; basis=Subpoena 7 of the district court, case " + run);
        assertThat(entry.toString()).doesNotContain(email);
        for (Holder h : List.of(alpha, bravo)) {
            assertThat(audit.search(h.admin(), AuditFilter.none(), null, 200).items())
                    .as("the client is not told, not even as a subscriber export")
                    .noneMatch(e -> e.action().startsWith("legal_disclosure") || e.action().equals("subscriber.exported"));
        }
    }

    @Test
    void anAddressNobodyHoldsAnswersAnEmptyRecordAndIsStillAudited() throws Exception {
        int before = disclosures().size();
        String nobody = "nobody." + run + "@posteo.de";
        MvcResult result = disclose(OPERATOR, body(nobody, "Police request " + run));
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String json = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((Integer) JsonPath.read(json, "$.disclosure.clientsHolding")).isZero();
        assertThat((List<Object>) JsonPath.read(json, "$.clients")).isEmpty();
        assertThat((Object) JsonPath.read(json, "$.platformSuppression")).isNull();
        assertThat(disclosures()).hasSize(before + 1);
        assertThat(disclosures().get(0).detail()).endsWith("; clients=0; basis=Police request " + run);
    }

    @Test
    void aClientHoldingOnlyASuppressionIsAmongTheHolders() throws Exception {
        String other = "left." + run + "@posteo.de";
        suppressions.add(alpha.admin(), other, "manual");
        String json = disclose(OPERATOR, body(other, "Court order " + run)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<String>) JsonPath.read(json, "$.clients[*].clientId")).containsExactly(alpha.client().client().id().toString());
        assertThat((Object) JsonPath.read(json, "$.clients[0].subscriber")).isNull();
        assertThat((String) JsonPath.read(json, "$.clients[0].suppression.reason")).isEqualTo("manual");
        assertThat((List<Object>) JsonPath.read(json, "$.clients[0].trackingEvents")).isEmpty();
        assertThat((List<Object>) JsonPath.read(json, "$.clients[0].inbound.replies")).isEmpty();
        assertThat((List<Object>) JsonPath.read(json, "$.clients[0].delivery.sendQueue")).isEmpty();
    }

    @Test
    void anErasedAddressShowsOnlyItsTombstoneAndItsSuppressionByHash() throws Exception {
        String gone = "gone." + run + "@posteo.de";
        UUID id = subscribers.save(alpha.admin(), new SubscriberInput(gone, "Gone Person " + run, Map.of(), List.of(), null), true)
                .subscriber().id();
        subscribers.erase(alpha.admin(), id, "asked to be forgotten " + run);
        String json = disclose(OPERATOR, body(gone, "Court order " + run)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<String>) JsonPath.read(json, "$.clients[*].clientId")).containsExactly(alpha.client().client().id().toString());
        assertThat((Object) JsonPath.read(json, "$.clients[0].subscriber")).isNull();
        assertThat((String) JsonPath.read(json, "$.clients[0].erasures[0].reason")).isEqualTo("asked to be forgotten " + run);
        assertThat((Object) JsonPath.read(json, "$.clients[0].suppression.email")).as("erasure keeps only the hash").isNull();
        assertThat((String) JsonPath.read(json, "$.clients[0].suppression.emailHash")).isEqualTo(EmailAddress.of("email", gone).hash());
        assertThat(json.replace((String) JsonPath.read(json, "$.disclosure.email"), "")).doesNotContain("Gone Person");
    }

    @Test
    void aMissingOrBlankLegalBasisOrABadAddressIsRefusedAndNothingIsAudited() throws Exception {
        int before = disclosures().size();
        for (String body : List.of(body(email, null), body(email, "   "), "{\"email\": \"" + email + "\"}")) {
            mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, OPERATOR)
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.errors[0].field").value("legalBasis"))
                    .andExpect(jsonPath("$.errors[0].message").value("is required"));
        }
        mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body(email, "x".repeat(LegalDisclosures.LEGAL_BASIS_MAX + 1))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("legalBasis"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 1000 characters"));
        mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body("not an address", "")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("email", "legalBasis")));
        mvc.perform(post("/api/v1/legal-disclosures").header(HttpHeaders.AUTHORIZATION, OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(disclosures()).hasSize(before);
    }

    @Test
    void aClientsKeyIsRefusedLikeOnAnyOperatorRoute() throws Exception {
        int before = disclosures().size();
        for (String key : List.of(alpha.client().adminApiKey().secret(), bravo.client().adminApiKey().secret())) {
            MvcResult refused = disclose("Bearer " + key, body(email, "Curiosity"));
            MvcResult missing = mvc.perform(post("/api/v1/clients/" + UUID.randomUUID() + "/suspend")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn();
            assertThat(refused.getResponse().getStatus()).isEqualTo(404).isEqualTo(missing.getResponse().getStatus());
            assertThat(refused.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(refused.getResponse().getContentAsString()).doesNotContain(alpha.name()).doesNotContain(bravo.name());
        }
        assertThat(disclosures()).hasSize(before);
    }

    MockHttpSession operatorSession() throws Exception {
        return (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login").userParameter("email")
                .user(Fixtures.OPERATOR_EMAIL).password(Fixtures.OPERATOR_PASSWORD)).andReturn().getRequest().getSession(false);
    }

    @Test
    void thePageDownloadsTheRecordAndListsPastDisclosures() throws Exception {
        MockHttpSession session = operatorSession();
        MvcResult download = mvc.perform(post("/operator/legal-disclosures").session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("email", email).param("legalBasis", "Page order " + run))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, org.hamcrest.Matchers.startsWith("attachment;")))
                .andReturn();
        String json = download.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((Integer) JsonPath.read(json, "$.disclosure.clientsHolding")).isEqualTo(2);
        assertThat(json).contains(alpha.name(), bravo.name());

        String page = mvc.perform(get("/operator/legal-disclosures").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Page order " + run).contains(EmailAddress.of("email", email).hash().substring(0, 16))
                .doesNotContain(email);

        int before = disclosures().size();
        String refused = mvc.perform(post("/operator/legal-disclosures").session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf()).param("email", email).param("legalBasis", " "))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("Legal basis is required.").contains("value=\"" + email + "\"");
        assertThat(disclosures()).hasSize(before);
    }

    @Test
    void aClientAdminCannotReachThePage() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                .userParameter("email").user(alpha.client().admin().email()).password(alpha.client().generatedAdminPassword()))
                .andReturn().getRequest().getSession(false);
        int before = disclosures().size();
        int shown = mvc.perform(get("/operator/legal-disclosures").session(session)).andReturn().getResponse().getStatus();
        int posted = mvc.perform(post("/operator/legal-disclosures").session(session).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("email", email).param("legalBasis", "Curiosity")).andReturn().getResponse().getStatus();
        assertThat(List.of(shown, posted)).allSatisfy(s -> assertThat(s).isIn(403, 404));
        assertThat(disclosures()).hasSize(before);
    }

    /**
     * The "only route" check, at run time: every GET route in the request mappings (API and pages,
     * each path variable filled in turn with the scene's client, subscriber, list and campaign ids,
     * or without variables each id in the usual id parameters),
     * called as the operator (key or session), answers at most one client's part of the scene; called
     * as Alpha's admin, none of Bravo's. The disclosure itself, the positive control, answers both.
     */
    @Test
    void noOtherRouteAnswersWhatTwoClientsHold() throws Exception {
        String disclosed = disclose(OPERATOR, body(email, "Control " + run)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(found(disclosed, alpha)).as("the markers are found where they are").containsExactlyElementsOf(markers(alpha));
        assertThat(found(disclosed, bravo)).containsExactlyElementsOf(markers(bravo));

        MockHttpSession operator = operatorSession();
        MockHttpSession alphaAdmin = (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                .userParameter("email").user(alpha.client().admin().email()).password(alpha.client().generatedAdminPassword()))
                .andReturn().getRequest().getSession(false);
        List<String> ids = new ArrayList<>();
        for (Holder h : List.of(alpha, bravo)) {
            ids.add(h.client().client().id().toString());
            ids.add(h.subscriberId().toString());
            ids.add(h.campaign().id().toString());
            ids.addAll(h.campaign().listIds().stream().map(UUID::toString).toList());
        }
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        int alphaSeen = 0;
        for (String pattern : RouteScan.getPatterns(mappings)) {
            // Path variables take each id in turn; a route without any also gets each id in the
            // request parameters that name an object (filters such as ?listId= and the audit's ?client=).
            List<String> uris = new ArrayList<>();
            if (RouteScan.VARIABLE.matcher(pattern).find()) {
                ids.forEach(id -> uris.add(RouteScan.VARIABLE.matcher(pattern).replaceAll(id)));
            } else {
                uris.add(pattern);
                ids.forEach(id -> uris.add(pattern + RouteScan.idParameters(id)));
            }
            for (String uri : uris) {
                boolean api = uri.startsWith("/api/");
                String asOperator = RouteScan.body(mvc, api ? get(uri).header(HttpHeaders.AUTHORIZATION, OPERATOR)
                        : get(uri).session(operator));
                String asAlpha = RouteScan.body(mvc, api
                        ? get(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + alpha.client().adminApiKey().secret())
                        : get(uri).session(alphaAdmin));
                calls += 2;
                alphaSeen += found(asAlpha, alpha).isEmpty() ? 0 : 1;
                if (!found(asOperator, alpha).isEmpty() && !found(asOperator, bravo).isEmpty()) {
                    leaks.add("operator GET " + uri + ": " + found(asOperator, alpha) + " and " + found(asOperator, bravo));
                }
                if (!found(asAlpha, bravo).isEmpty()) {
                    leaks.add("Alpha's admin GET " + uri + ": " + found(asAlpha, bravo));
                }
            }
        }
        assertThat(calls).as("every GET route was called").isGreaterThan(200);
        assertThat(alphaSeen).as("the bodies are read: Alpha's own pages show Alpha's data").isGreaterThan(0);
        assertThat(leaks).as("routes answering more than one client's data").isEmpty();
    }

    /** Marks the scene's client-owned data: what only Alpha, or only Bravo, holds about the person. */
    List<String> markers(Holder h) {
        return List.of(h.name(), h.colour(), h.inboundMarker());
    }

    List<String> found(String body, Holder h) {
        List<String> found = new ArrayList<>();
        for (String m : markers(h)) {
            if (body.contains(m)) {
                found.add(m);
            }
        }
        return found;
    }
}
