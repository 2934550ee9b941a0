package org.optline.site.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentSource;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ClientStatus;
import org.optline.platform.CreatedClient;
import org.optline.platform.NewUser;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.platform.User;
import org.optline.platform.Users;
import org.optline.site.PolicyNotice;
import org.optline.site.PolicyNotices;
import org.optline.site.PolicyPublished;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A material privacy-policy change mails every eligible address once and nobody suppressed: two
 * clients share an address, one client's user is disabled, a third client is terminated; one
 * address unsubscribed in its only client, one in one of two, one erased, one on a client's own
 * suppression list, one hard-bounced and one complained platform-wide. The notice goes through
 * the real pipeline into the capture outbox, each message with List-Unsubscribe and the link to
 * the published versions. A non-material change mails nobody; the same event twice starts one
 * campaign; a later change takes off whoever left meanwhile. On H2 and PostgreSQL.
 */
abstract class PolicyNoticeContract {

    @Autowired ApplicationEventPublisher events;
    @Autowired PolicyNotices notices;
    @Autowired Clients clients;
    @Autowired Users users;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired DeliveryWorker worker;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final Actor operator = Fixtures.operator();
    final Actor notices_ = new Actor(Actor.Kind.SYSTEM, null, "test", NoticeRunner.CLIENT_ID, Role.CLIENT_ADMIN, null);

    String run;
    CreatedClient alpha;
    CreatedClient bravo;
    CreatedClient charlie;
    CreatedClient delta;
    Actor alphaAdmin;
    Actor bravoAdmin;
    UUID alphaList;
    UUID bravoList;
    User marketer;
    User disabled;
    List<String> eligible;
    List<String> excluded;

    @BeforeEach
    void aPlatformWithSubscribersAndUsers() {
        run = UUID.randomUUID().toString().substring(0, 8);
        alpha = Fixtures.client(clients, "Alpha " + run);
        bravo = Fixtures.client(clients, "Bravo " + run);
        charlie = Fixtures.client(clients, "Charlie " + run);
        delta = Fixtures.client(clients, "Delta " + run);
        alphaAdmin = Fixtures.admin(alpha);
        bravoAdmin = Fixtures.admin(bravo);
        alphaList = lists.create(alphaAdmin, new Lists.ListInput("News", null, "single")).id();
        bravoList = lists.create(bravoAdmin, new Lists.ListInput("News", null, "single")).id();
        MailingList charlieList = lists.create(Fixtures.admin(charlie), new Lists.ListInput("News", null, "single"));
        MailingList deltaList = lists.create(Fixtures.admin(delta), new Lists.ListInput("News", null, "single"));
        marketer = users.create(alphaAdmin, new NewUser("Mia.Marketer." + run + "@alpha-shop.de", "a long password for mia " + run,
                Role.MARKETER));
        disabled = users.create(bravoAdmin, new NewUser("dan.disabled." + run + "@bravo-shop.de", "a long password for dan " + run,
                Role.ANALYST));
        users.setEnabled(bravoAdmin, disabled.id(), false);

        String shared = address("Shared");
        String onlyAlpha = address("only-alpha");
        String half = address("half");
        String gone = address("gone");
        String erased = address("erased");
        String blocked = address("blocked");
        String bounced = address("bounced");
        String complained = address("complained");
        String terminated = address("terminated");
        String suspended = address("suspended");
        String pending = address("pending");
        add(alphaAdmin, alphaList, shared);
        add(bravoAdmin, bravoList, shared.toLowerCase());
        add(alphaAdmin, alphaList, onlyAlpha);
        UUID halfInAlpha = add(alphaAdmin, alphaList, half);
        add(bravoAdmin, bravoList, half);
        UUID goneId = add(alphaAdmin, alphaList, gone);
        UUID erasedId = add(alphaAdmin, alphaList, erased);
        add(alphaAdmin, alphaList, blocked);
        add(bravoAdmin, bravoList, bounced);
        add(bravoAdmin, bravoList, complained);
        add(Fixtures.admin(charlie), charlieList.id(), terminated);
        add(Fixtures.admin(delta), deltaList.id(), suspended);
        MailingList doubleOptIn = lists.create(bravoAdmin, new Lists.ListInput("Confirm first", null, "double"));
        subscribers.save(bravoAdmin, new SubscriberInput(pending, null, Map.of(), List.of(doubleOptIn.id()), null), false);

        ConsentSource link = new ConsentSource(ConsentChannel.UNSUBSCRIBE, "test", null, null, null);
        subscribers.unsubscribe(alpha.client().id(), goneId, link);
        subscribers.unsubscribe(alpha.client().id(), halfInAlpha, link);
        subscribers.erase(alphaAdmin, erasedId, "asked to be forgotten " + run);
        suppressions.add(alphaAdmin, blocked, "manual");
        suppressions.suppressPlatformWide(EmailAddress.of("email", bounced), SuppressionReason.BOUNCED, "test " + run);
        suppressions.suppressPlatformWide(EmailAddress.of("email", complained), SuppressionReason.COMPLAINED, "test " + run);
        clients.terminate(operator, charlie.client().id(), "test " + run);
        clients.changeStatus(operator, delta.client().id(), ClientStatus.SUSPENDED, "test " + run);

        // A suspended client's subscribers and users are still the platform's data subjects.
        eligible = List.of(shared.toLowerCase(), onlyAlpha, half, alpha.admin().email(), bravo.admin().email(),
                marketer.email().toLowerCase(), suspended, delta.admin().email());
        excluded = List.of(gone, erased, blocked, bounced, complained, terminated, pending, charlie.admin().email(),
                disabled.email());
    }

    @Test
    void aMaterialChangeMailsEveryEligibleAddressOnceAndNobodySuppressed() throws Exception {
        int version = version();
        events.publishEvent(policy(version, true));
        PolicyNotice notice = started(version);
        sendAll(notice.campaignId());

        Map<String, List<String>> mail = outbox(notice.campaignId());
        for (String address : eligible) {
            assertThat(mail.get(address)).as("messages to %s", address).hasSize(1);
            String raw = mail.get(address).get(0);
            assertThat(raw).contains("Subject: Our privacy policy changes")
                    .contains("List-Unsubscribe: <")
                    .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                    .contains("/privacy/versions")
                    .contains("What changes in version " + version)
                    .contains("Optline Test Ltd");
        }
        for (String address : excluded) {
            assertThat(mail).as("messages to %s", address).doesNotContainKey(address.toLowerCase());
        }
        assertThat(mail.values()).as("each address once").allSatisfy(messages -> assertThat(messages).hasSize(1));

        PolicyNotice done = notices.find(operator, version).orElseThrow();
        assertThat(done.campaignStatus()).isEqualTo("sent");
        assertThat(done.recipients()).isEqualTo((long) mail.size());
        assertThat(done.delivery().sent()).isEqualTo(mail.size());
        assertThat(notices.list(operator)).extracting(PolicyNotice::version).contains(version);
        String n = "$.items[?(@.version == " + version + ")]";
        mvc.perform(get("/api/v1/policy-notices").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath(n + ".status").value(contains("sending")))
                .andExpect(jsonPath(n + ".campaignStatus").value(contains("sent")))
                .andExpect(jsonPath(n + ".recipients").value(contains(mail.size())))
                .andExpect(jsonPath(n + ".delivery.sent").value(contains(mail.size())));
        mvc.perform(get("/api/v1/policy-notices").header(HttpHeaders.AUTHORIZATION, "Bearer " + alpha.adminApiKey().secret()))
                .andExpect(status().isNotFound());

        UUID sharedId = subscribers.findByEmail(notices_, eligible.get(0)).orElseThrow().id();
        List<ConsentEvent> ledger = subscribers.consentLedger(notices_, sharedId);
        assertThat(ledger).isNotEmpty().allSatisfy(e -> assertThat(e.sourceKind()).isEqualTo(ConsentChannel.PLATFORM_NOTICE));
        assertThat(ledger.get(0).consentText()).startsWith("Not consent: the platform's legal duty");
    }

    @Test
    void publishingThroughTheApiMailsTheChangeAndTheOperatorPageFollowsIt() throws Exception {
        String body = "{\"text\": \"# Privacy policy\\n\\nEnd to end " + run + ".\", \"material\": true, "
                + "\"summary\": \"Shorter retention " + run + "\"}";
        String created = mvc.perform(post("/api/v1/policies").header(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.OPERATOR_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        int version = Integer.parseInt(created.replaceAll(".*\"version\":(\\d+).*", "$1"));
        PolicyNotice notice = started(version);
        sendAll(notice.campaignId());
        Map<String, List<String>> mail = outbox(notice.campaignId());
        assertThat(mail.get(eligible.get(0))).hasSize(1);
        assertThat(mail.get(eligible.get(0)).get(0)).contains("Shorter retention " + run);
        assertThat(mail).doesNotContainKey(excluded.get(0).toLowerCase());

        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(Fixtures.OPERATOR_EMAIL).password(Fixtures.OPERATOR_PASSWORD)).andReturn().getRequest().getSession(false);
        String page = mvc.perform(get("/operator/policies").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String row = page.substring(page.indexOf("id=\"notice-" + version + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("sending (campaign sent)", ">" + String.format("%,d", mail.size()) + "<")
                .doesNotContain("retry-notice-");
        // Only a failed run is tried again: this one went out, and a version never announced is not there.
        String refused = mvc.perform(post("/operator/policies/notices/retry").session(session).with(csrf())
                        .param("version", String.valueOf(version)))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("has not failed");
        mvc.perform(post("/operator/policies/notices/retry").session(session).with(csrf()).param("version", "999999999"))
                .andExpect(status().isNotFound());
        assertThat(campaigns.idsNamed(NoticeRunner.CLIENT_ID, "Privacy policy version " + version)).hasSize(1);
    }

    @Test
    void aLaterChangeTakesOffWhoeverLeftMeanwhile() {
        int first = version();
        events.publishEvent(policy(first, true));
        sendAll(started(first).campaignId());

        UUID onlyAlpha = subscribers.findByEmail(alphaAdmin, eligible.get(1)).orElseThrow().id();
        subscribers.unsubscribe(alpha.client().id(), onlyAlpha, new ConsentSource(ConsentChannel.UNSUBSCRIBE, "test", null, null, null));
        // The marketer leaves the notices themselves (their List-Unsubscribe): still a user, but not mailed again.
        String marketerAddress = marketer.email().toLowerCase();
        UUID marketerNotice = subscribers.findByEmail(notices_, marketerAddress).orElseThrow().id();
        subscribers.unsubscribe(NoticeRunner.CLIENT_ID, marketerNotice,
                new ConsentSource(ConsentChannel.ONE_CLICK, "test", null, null, null));
        int second = first + 1;
        events.publishEvent(policy(second, true));
        PolicyNotice notice = started(second);
        assertThat(notice.membersRemoved()).isGreaterThanOrEqualTo(1);
        sendAll(notice.campaignId());

        Map<String, List<String>> mail = outbox(notice.campaignId());
        assertThat(mail).doesNotContainKey(eligible.get(1)).doesNotContainKey(marketerAddress);
        assertThat(mail.get(eligible.get(0))).hasSize(1);
        assertThat(subscribers.get(notices_, marketerNotice).status().name()).isEqualTo("UNSUBSCRIBED");
        UUID id = subscribers.findByEmail(notices_, eligible.get(1)).orElseThrow().id();
        assertThat(subscribers.consentLedger(notices_, id)).extracting(ConsentEvent::detail)
                .contains("Taken off: no longer an active user or subscriber on the platform");
    }

    @Test
    void aChangeThatIsNotMaterialMailsNobody() {
        int version = version();
        List<UUID> before = noticeCampaigns();
        events.publishEvent(policy(version, false));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> notices.find(operator, version).isEmpty());
        assertThat(noticeCampaigns()).isEqualTo(before);
    }

    @Test
    void theSameEventTwiceStartsOneCampaign() {
        int version = version();
        PolicyPublished policy = policy(version, true);
        events.publishEvent(policy);
        events.publishEvent(policy);
        // The runs are worked one after another: once a later version started, both deliveries of this one were handled.
        events.publishEvent(policy(version + 1, true));
        started(version + 1);
        assertThat(campaigns.idsNamed(NoticeRunner.CLIENT_ID, "Privacy policy version " + version)).hasSize(1);
        PolicyNotice notice = notices.find(operator, version).orElseThrow();
        assertThat(notice.status()).isEqualTo("sending");
        sendAll(notice.campaignId());
        assertThat(outbox(notice.campaignId()).get(eligible.get(0))).hasSize(1);
    }

    PolicyPublished policy(int version, boolean material) {
        return new PolicyPublished(UUID.randomUUID(), version, material,
                "We now keep the access log for 90 days.\nWe name our new hosting provider. {{email}} stays text.",
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A version no other test of the shared database uses, with room for the next one. */
    static int version() {
        return ThreadLocalRandom.current().nextInt(1_000, 1_000_000_000) * 2;
    }

    PolicyNotice started(int version) {
        PolicyNotice notice = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> notices.find(operator, version).orElse(null),
                        n -> n != null && !"preparing".equals(n.status()));
        assertThat(notice.status()).as(notice.note()).isEqualTo("sending");
        assertThat(notice.campaignId()).isNotNull();
        return notice;
    }

    void sendAll(UUID campaignId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            worker.runOnce();
            return campaigns.find(NoticeRunner.CLIENT_ID, campaignId).orElseThrow().status() == CampaignStatus.SENT;
        });
    }

    /** The campaign's captured messages by recipient (lower-cased), raw text each. */
    Map<String, List<String>> outbox(UUID campaignId) {
        record Row(String recipient, String raw) {}
        List<Row> rows = scope.asPlatform(() -> jdbc.sql("select recipient, raw from outbox_messages where campaign_id = :c")
                .param("c", campaignId).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list());
        return rows.stream().collect(Collectors.groupingBy(r -> r.recipient().toLowerCase(),
                Collectors.mapping(Row::raw, Collectors.toCollection(ArrayList::new))));
    }

    List<UUID> noticeCampaigns() {
        return scope.asPlatform(() -> jdbc.sql("select id from campaigns where client_id = :c order by id")
                .param("c", NoticeRunner.CLIENT_ID).query(UUID.class).list());
    }

    String address(String who) {
        return who + "." + run + "@posteo.de";
    }

    UUID add(Actor admin, UUID list, String email) {
        return subscribers.save(admin, new SubscriberInput(email, null, Map.of(), List.of(list), null), true).subscriber().id();
    }

}
