package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomFields;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SuppressionReason;
import org.optline.audience.Suppressions;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.Role;
import org.optline.platform.TooManyRequestsException;
import org.optline.platform.ValidationException;
import org.optline.segment.Segments;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** Templates and campaigns on H2 and PostgreSQL: content checks, preview, recipients, checklist, test sends. */
abstract class CampaignContract {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Segments segments;
    @Autowired Campaigns campaigns;
    @Autowired Templates templates;
    @Autowired CampaignCopies copies;
    @Autowired CampaignDispatch dispatch;
    @Autowired Outbox outbox;
    @Autowired SendingDomains domains;
    String domain;

    @Autowired TestRecipients testRecipients;

    CreatedClient client;
    Actor admin;
    MailingList news;
    MailingList offers;

    @BeforeEach
    void audience() {
        client = Fixtures.client(clients, "Campaigner");
        admin = Fixtures.admin(client);
        fields.create(admin, "city", "City", "text");
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        domain = Fixtures.domain("shoehaus.de");
        domains.add(admin, domain);
        offers = lists.create(admin, new Lists.ListInput("Offers", null, "double"));
        add("ann@shoehaus.de", "Ann <script>", "Berlin", List.of(news, offers), true);
        add("bob@shoehaus.de", "Bob", "Hamburg", List.of(news), false);
        add("cid@shoehaus.de", "Cid", "Berlin", List.of(offers), false); // unconfirmed on a double opt-in list
        add("dee@shoehaus.de", "Dee", "Berlin", List.of(news), false);
        suppressions.add(admin, "dee@shoehaus.de", "manual");
    }

    private void add(String email, String name, String city, List<MailingList> on, boolean preconfirmed) {
        subscribers.save(admin, new SubscriberInput(email, name, Map.of("city", city), on.stream().map(MailingList::id).toList(), null),
                preconfirmed);
    }

    private Campaigns.CampaignInput input(String html, List<MailingList> on, UUID segment, UUID template) {
        return new Campaigns.CampaignInput("Spring news", "Hi {{name|there}}, news from {{city}}", null, "Shoehaus",
                "news@" + domain, null, html, null, template, segment, on.stream().map(MailingList::id).toList());
    }

    @Test
    void previewRendersAsTheSubscriberWithFooterAndUnsubscribeLink() {
        var template = templates.create(admin, "Plain", "<html><body><div class=\"wrap\">{{content}}</div></body></html>");
        Campaign c = campaigns.create(admin, input("<p>Hello {{name}} in {{city}}!</p>", List.of(news), null, template.id()));
        var ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        RenderedMessage p = campaigns.preview(admin, c.id(), ann.id());
        assertThat(p.subject()).isEqualTo("Hi Ann <script>, news from Berlin");
        assertThat(p.html()).contains("<div class=\"wrap\"><p>Hello Ann &lt;script&gt; in Berlin!</p>")
                .contains("1 Main Street, Springfield").contains("/s/unsubscribe/").contains(">Unsubscribe</a>")
                .doesNotContain("<script>");
        assertThat(p.text()).contains("Hello Ann <script> in Berlin!").contains("Unsubscribe (http://localhost:8080/s/unsubscribe/");
        assertThat(campaigns.preview(admin, c.id(), null).subject()).isEqualTo("Hi Sam Sample, news from Sample city");
        Campaign withPreheader = campaigns.change(admin, c.id(), new Campaigns.CampaignInput(null, null, "Spring <deals> inside",
                null, null, null, null, null, null, null, null));
        assertThat(campaigns.preview(admin, withPreheader.id(), ann.id()).html())
                .contains("<div class=\"wrap\">").contains("Spring &lt;deals&gt; inside").contains("display:none");
    }

    @Test
    void theFooterAddsAnUnsubscribeLinkUnlessTheContentKeepsOneOfItsOwn() {
        var ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        Campaign hidden = campaigns.create(admin, input("<p>Hi</p><!-- <a href=\"{{unsubscribe_url}}\">x</a> -->", List.of(news), null, null));
        assertThat(campaigns.preview(admin, hidden.id(), ann.id()).html()).contains(">Unsubscribe</a>").contains("/s/unsubscribe/");
        assertThat(campaigns.checks(admin, hidden.id())).filteredOn(check -> check.name().equals("unsubscribe link"))
                .extracting(Campaigns.Check::message).containsExactly("A footer with an unsubscribe link is added to every message.");
        Campaign own = campaigns.create(admin, input("<p><a href=\"{{unsubscribe_url}}\">Leave us</a></p>", List.of(news), null, null));
        String html = campaigns.preview(admin, own.id(), ann.id()).html();
        assertThat(html).contains(">Leave us</a>").doesNotContain(">Unsubscribe</a>").contains("1 Main Street, Springfield");
        assertThat(campaigns.checks(admin, own.id())).filteredOn(check -> check.name().equals("unsubscribe link"))
                .extracting(Campaigns.Check::message).containsExactly("Your content has an unsubscribe link.");
        // A link in the campaign's template counts for the footer and the checklist alike.
        var linked = templates.create(admin, "Linked", "<div>{{content}}<a href=\"{{unsubscribe_url}}\">Leave</a></div>");
        Campaign inTemplate = campaigns.create(admin, input("<p>Hi</p>", List.of(news), null, linked.id()));
        assertThat(campaigns.preview(admin, inTemplate.id(), ann.id()).html()).contains(">Leave</a>").doesNotContain(">Unsubscribe</a>");
        assertThat(campaigns.checks(admin, inTemplate.id())).filteredOn(check -> check.name().equals("unsubscribe link"))
                .extracting(Campaigns.Check::message).containsExactly("Your content has an unsubscribe link.");
    }

    @Test
    void aTextPartTheClientWroteGetsTheFooterToo() {
        var ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        Campaign plain = campaigns.create(admin, new Campaigns.CampaignInput("Text", "Hi", null, "Shoehaus", "news@" + domain, null,
                "<p>Hi</p>", "Hello {{name}}.", null, null, List.of(news.id())));
        assertThat(campaigns.preview(admin, plain.id(), ann.id()).text()).startsWith("Hello Ann <script>.")
                .contains("1 Main Street, Springfield").contains("Unsubscribe: http://localhost:8080/s/unsubscribe/");
        Campaign linked = campaigns.create(admin, new Campaigns.CampaignInput("Text", "Hi", null, "Shoehaus", "news@" + domain, null,
                "<p>Hi</p>", "Leave: {{unsubscribe_url}}", null, null, List.of(news.id())));
        assertThat(campaigns.preview(admin, linked.id(), ann.id()).text()).contains("1 Main Street, Springfield")
                .doesNotContain("Unsubscribe:").containsOnlyOnce("/s/unsubscribe/");
    }

    @Test
    void recipientsAreListsUnitedNarrowedBySegmentWithoutSuppressedOrUnconfirmed() {
        Campaign both = campaigns.create(admin, input("<p>x</p>", List.of(news, offers), null, null));
        assertThat(campaigns.recipients(admin, both.id())).isEqualTo(2); // ann (confirmed on both), bob; not cid, not dee
        var berlin = segments.create(admin, "Berlin", "city = \"Berlin\"");
        Campaign narrowed = campaigns.create(admin, input("<p>x</p>", List.of(news, offers), berlin.id(), null));
        assertThat(campaigns.recipients(admin, narrowed.id())).isEqualTo(1);
        assertThat(campaigns.checks(admin, narrowed.id())).allSatisfy(check -> assertThat(check.ok()).as(check.name()).isTrue());
        Campaign none = campaigns.create(admin, input("<p>x</p>", List.of(), null, null));
        assertThat(campaigns.checks(admin, none.id())).filteredOn(check -> !check.ok()).extracting(Campaigns.Check::name)
                .containsExactlyInAnyOrder("lists", "recipients");
        Campaign elsewhere = campaigns.create(admin, new Campaigns.CampaignInput("x", "s", null, "n", "news@not-mine.de", null,
                "<p>x</p>", null, null, null, List.of(news.id())));
        assertThat(campaigns.checks(admin, elsewhere.id())).filteredOn(check -> !check.ok()).extracting(Campaigns.Check::name)
                .containsExactly("from domain");
    }

    @Test
    void badContentAndForeignReferencesAreRefusedWhenSaved() {
        assertThatThrownBy(() -> campaigns.create(admin, input("<p>{{{name}}}</p>", List.of(news), null, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unescaped");
        var other = Fixtures.admin(Fixtures.client(clients, "Other"));
        var theirs = lists.create(other, new Lists.ListInput("Theirs", null, "single"));
        assertThatThrownBy(() -> campaigns.create(admin, new Campaigns.CampaignInput("x", "s", null, "n", "a@shoehaus.de", null,
                "<p>x</p>", null, null, null, List.of(theirs.id())))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> campaigns.create(admin, new Campaigns.CampaignInput("x", "s", null, "n", "not an address", null,
                "<p>x</p>", null, null, null, List.of()))).isInstanceOf(ValidationException.class).hasMessageContaining("fromEmail");
        assertThatThrownBy(() -> templates.create(admin, "No slot", "<p>no content slot</p>"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("{{content}}");
    }

    @Test
    void testSendsAreMarkedAndCappedAtTen() {
        Campaign c = campaigns.create(admin, input("<p>Hello {{name}}</p>", List.of(news), null, null));
        testRecipients.allow(admin, "me@shoehaus.de");
        testRecipients.allow(admin, "boss@shoehaus.de");
        assertThat(campaigns.testSend(admin, c.id(), List.of("me@shoehaus.de", "boss@shoehaus.de")).sent()).hasSize(2);
        assertThat(outbox.page(admin, null, 10).items()).anySatisfy(m -> {
            assertThat(m.recipient()).isEqualTo("me@shoehaus.de");
            assertThat(m.subject()).isEqualTo("[TEST] Hi Sam Sample, news from Sample city");
            assertThat(m.kind()).isEqualTo("test");
        });
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "t" + i + "@shoehaus.de").toList();
        assertThatThrownBy(() -> campaigns.testSend(admin, c.id(), eleven)).isInstanceOf(ValidationException.class);
    }

    private List<String> testMessagesTo() {
        return outbox.page(admin, null, 200).items().stream().filter(m -> m.kind().equals("test"))
                .map(OutboxMessage::recipient).toList();
    }

    @Test
    void testMessagesGoOnlyToTheClientsUsersAndTheAddressesItsAdminsAllow() {
        Campaign c = campaigns.create(admin, input("<p>Hello</p>", List.of(news), null, null));
        assertThatThrownBy(() -> campaigns.testSend(admin, c.id(), List.of(admin.label(), "stranger@elsewhere.test")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("stranger@elsewhere.test");
        assertThat(testMessagesTo()).as("a request naming a stranger sends nothing").isEmpty();
        assertThat(campaigns.testSend(admin, c.id(), List.of(admin.label().toUpperCase(Locale.ROOT))).sent())
                .hasSize(1);
        TestRecipient colleague = testRecipients.allow(admin, "Colleague@Agency.test");
        assertThat(campaigns.testSend(admin, c.id(), List.of("colleague@agency.test")).sent()).containsExactly("colleague@agency.test");
        assertThat(testRecipients.list(admin)).extracting(TestRecipient::email).containsExactly("Colleague@agency.test");
        testRecipients.remove(admin, colleague.id());
        assertThatThrownBy(() -> campaigns.testSend(admin, c.id(), List.of("colleague@agency.test")))
                .isInstanceOf(ValidationException.class);
        var other = Fixtures.client(clients, "Elsewhere");
        assertThatThrownBy(() -> campaigns.testSend(admin, c.id(), List.of(other.admin().email())))
                .as("another client's user").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> testRecipients.allow(Fixtures.withRole(client, Role.MARKETER), "x@y.test"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> testRecipients.remove(Fixtures.admin(other), colleague.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void suppressedAddressesGetNoTestMessageAndAreNamed() {
        Campaign c = campaigns.create(admin, input("<p>Hello</p>", List.of(news), null, null));
        testRecipients.allow(admin, "dee@shoehaus.de"); // on the client's suppression list
        testRecipients.allow(admin, "gone@bounced.test");
        suppressions.suppressPlatformWide(EmailAddress.of("email", "gone@bounced.test"),
                SuppressionReason.BOUNCED, "test");
        Campaigns.TestSend result = campaigns.testSend(admin, c.id(), List.of("dee@shoehaus.de", "gone@bounced.test", admin.label()));
        assertThat(result.sent()).containsExactly(admin.label());
        assertThat(result.suppressed()).containsExactly("dee@shoehaus.de", "gone@bounced.test");
        assertThat(testMessagesTo()).containsExactly(admin.label());
    }

    @Test
    void aClientSendsAtMostItsHourlyAllowanceOfTestMessages() {
        Campaign c = campaigns.create(admin, input("<p>Hello</p>", List.of(news), null, null));
        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "t" + i + "@team.test").toList();
        ten.forEach(a -> testRecipients.allow(admin, a));
        for (int i = 0; i < 5; i++) {
            campaigns.testSend(admin, c.id(), ten);
        }
        assertThatThrownBy(() -> campaigns.testSend(admin, c.id(), List.of(admin.label())))
                .isInstanceOf(TooManyRequestsException.class).hasMessageContaining("50");
        assertThat(testMessagesTo()).hasSize(50);
        // Only sent messages count: one to a suppressed address alone takes nothing.
        suppressions.add(admin, "t0@team.test", "manual");
        assertThat(campaigns.testSend(admin, c.id(), List.of("t0@team.test")).suppressed()).containsExactly("t0@team.test");
        // Every client has an allowance of its own.
        var other = Fixtures.admin(Fixtures.client(clients, "Own Allowance"));
        Campaign theirs = campaigns.create(other, new Campaigns.CampaignInput("x", "s", null, "n", "a@own.test", null,
                "<p>x</p>", null, null, null, List.of()));
        assertThat(campaigns.testSend(other, theirs.id(), List.of(other.label())).sent()).hasSize(1);
    }

    @Test
    void onlyACampaignBeingSentIsSendingAndAGoneOneIsNotCancelled() {
        Campaign c = campaigns.create(admin, input("<p>x</p>", List.of(news), null, null));
        assertThat(dispatch.isSending(admin.clientId(), c.id())).isFalse();
        campaigns.send(admin, c.id(), null);
        assertThat(dispatch.isSending(admin.clientId(), c.id())).isTrue();
        campaigns.pause(admin, c.id());
        assertThat(dispatch.isSending(admin.clientId(), c.id())).isFalse();
        UUID gone = UUID.randomUUID();
        assertThat(dispatch.isSending(admin.clientId(), gone)).isFalse();
        assertThatThrownBy(() -> campaigns.get(admin, gone)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void markdownIsStoredAsWrittenAndSentAsItsSanitisedHtml() {
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Md", "Hi", null, "Shoehaus", "news@" + domain, null,
                null, null, null, null, List.of(news.id()), "markdown", "# News from {{city}}\n\n<script>x()</script>\n\n*Shoes*"));
        Campaign stored = campaigns.get(admin, c.id());
        assertThat(stored.format()).isEqualTo(ContentFormat.MARKDOWN);
        assertThat(stored.source()).isEqualTo("# News from {{city}}\n\n<script>x()</script>\n\n*Shoes*");
        assertThat(stored.html()).contains("<h1>News from {{city}}</h1>").contains("<em>Shoes</em>").doesNotContain("script");
        var ann = subscribers.findByEmail(admin, "ann@shoehaus.de").orElseThrow();
        assertThat(campaigns.preview(admin, c.id(), ann.id()).html()).contains("<h1>News from Berlin</h1>");
        Campaign html = campaigns.change(admin, c.id(), new Campaigns.CampaignInput(null, null, null, null, null, null, null, null,
                null, null, null, "html", null));
        assertThat(html.format()).isEqualTo(ContentFormat.HTML);
        assertThat(html.source()).isNull();
        assertThat(html.html()).isEqualTo(stored.html());
    }

    @Test
    void aDuplicateIsANewDraftWithTheSameContentAndTheListsThatStillExist() {
        Campaign c = campaigns.create(admin, new Campaigns.CampaignInput("Spring news", "Hi", null, "Shoehaus", "news@" + domain,
                null, null, null, null, null, List.of(news.id(), offers.id()), "markdown", "*Shoes*"));
        campaigns.send(admin, c.id(), null);
        lists.delete(admin, offers.id());
        Campaign copy = copies.duplicate(admin, c.id());
        assertThat(copy.id()).isNotEqualTo(c.id());
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.name()).isEqualTo("Copy of Spring news");
        assertThat(copy.format()).isEqualTo(ContentFormat.MARKDOWN);
        assertThat(copy.source()).isEqualTo("*Shoes*");
        assertThat(copy.html()).isEqualTo(campaigns.get(admin, c.id()).html());
        assertThat(copy.listIds()).containsExactly(news.id());
        var stranger = Fixtures.admin(Fixtures.client(clients, "Stranger"));
        assertThatThrownBy(() -> copies.duplicate(stranger, c.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDuplicateKeepsTheCampaignsTrackingSwitch() {
        Campaign untracked = campaigns.create(admin, new Campaigns.CampaignInput("Private", "Hi", null, "Shoehaus",
                "news@" + domain, null, "<p>Hi</p>", null, null, null, List.of(news.id()), false, null, null));
        Campaign tracked = campaigns.create(admin, new Campaigns.CampaignInput("Public", "Hi", null, "Shoehaus",
                "news@" + domain, null, "<p>Hi</p>", null, null, null, List.of(news.id()), true, null, null));
        assertThat(untracked.tracking()).isFalse();
        assertThat(copies.duplicate(admin, untracked.id()).tracking()).isFalse();
        assertThat(copies.duplicate(admin, tracked.id()).tracking()).isTrue();
    }

    @Test
    void aCopyKeepsEveryFieldAndANewCampaignIsAnEmptyDraft() {
        Campaign c = campaigns.create(admin, input("<p>x</p>", List.of(news), null, null));
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().html("<p>y</p>").build()).isEqualTo(new Campaign(c.id(), c.clientId(), c.name(), c.subject(),
                c.preheader(), c.fromName(), c.fromEmail(), c.replyTo(), "<p>y</p>", c.text(), c.templateId(), c.segmentId(),
                c.listIds(), c.status(), c.scheduledAt(), c.createdAt(), c.updatedAt(), c.statusNote(), c.tracking(), c.format(), c.source()));
        Campaign empty = Campaign.builder().build();
        assertThat(empty.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(empty.listIds()).isEmpty();
    }

    @Test
    void draftsChangeAndDeleteButOnlyDrafts() {
        Campaign c = campaigns.create(admin, input("<p>x</p>", List.of(news), null, null));
        Campaign changed = campaigns.change(admin, c.id(), new Campaigns.CampaignInput(null, "New subject", null, null, null,
                null, null, null, null, null, null));
        assertThat(changed.subject()).isEqualTo("New subject");
        assertThat(changed.listIds()).containsExactly(news.id());
        campaigns.delete(admin, c.id());
        assertThatThrownBy(() -> campaigns.get(admin, c.id())).isInstanceOf(NotFoundException.class);
        assertThat(CampaignStatus.SENT.canMoveTo(CampaignStatus.SENDING)).isFalse();
        assertThat(CampaignStatus.DRAFT.editable()).isTrue();
        assertThat(CampaignStatus.SENDING.editable()).isFalse();
    }
}
