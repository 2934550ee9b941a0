package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentSource;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.MembershipStatus;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForm;
import org.optline.audience.SubscriptionForms;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.campaign.TestRecipients;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.CreatedClient;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Who can subscribe whom, on H2 and PostgreSQL: previews and test sends carry preview links that
 * change nothing; a link from a message (which the client can read in its outbox) only narrows;
 * widening takes a fresh single-use confirmation mailed to the address; the public form answers
 * alike for every address; one client's erasure leaves another's confirmation mail.
 */
abstract class ConsentContract {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/s/confirm/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");
    private static final String TOKEN = "([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)";

    @Autowired TestRecipients testRecipients;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired SubscriptionForms forms;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired Outbox outbox;
    @Autowired SubscriberTokens tokens;

    CreatedClient client;
    Actor admin;
    MailingList news;
    MailingList offers;
    String run;

    @BeforeEach
    void aClientWithASingleAndADoubleOptInList() {
        run = UUID.randomUUID().toString().substring(0, 8);
        client = Fixtures.client(clients, "Consent");
        admin = Fixtures.admin(client);
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        offers = lists.create(admin, new Lists.ListInput("Offers", null, "double"));
    }

    private String address(String local) {
        return local + "-" + run + "@consent.test";
    }

    private Subscriber add(String local, List<MailingList> on) {
        return subscribers.save(admin, new SubscriberInput(address(local), "Pat", Map.of(), on.stream().map(MailingList::id).toList(),
                null), false).subscriber();
    }

    private Subscriber unsubscribed(String local) {
        Subscriber s = add(local, List.of(news));
        subscribers.correct(admin, s.id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        return s;
    }

    private boolean suppressed(Subscriber s) {
        return suppressions.isSuppressed(admin.clientId(), EmailAddress.of("e", s.email()));
    }

    private String analystKey() throws Exception {
        return JsonPath.read(mvc.perform(post("/api/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + client.adminApiKey().secret())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Reports\", \"role\": \"analyst\"}"))
                .andReturn().getResponse().getContentAsString(), "$.key");
    }

    private Campaign campaign() {
        return campaigns.create(admin, new Campaigns.CampaignInput("Launch", "Hello {{name|friend}}", null, "Shop", "news@consent.test",
                null, "<p>Dear {{name|friend}}, <a href=\"{{webview_url}}\">read it online</a></p>", null, null, null, List.of(news.id())));
    }

    private static String link(String text, String path) {
        Matcher m = Pattern.compile(path + TOKEN).matcher(text.replace("=\r\n", ""));
        assertThat(m.find()).as("a %s link in %s", path, text).isTrue();
        return m.group(1);
    }

    private List<OutboxMessage> platformMail(String to) {
        return outbox.page(Fixtures.operator(), null, 200).items().stream().filter(m -> m.recipient().equals(to)).toList();
    }

    private String mailedConfirmation(String to) {
        assertThat(outbox.page(admin, null, 200).items()).as("the client never sees confirmation links")
                .noneMatch(m -> m.recipient().equals(to));
        List<OutboxMessage> mail = platformMail(to);
        assertThat(mail).as("confirmation mail to %s", to).isNotEmpty();
        Matcher m = CONFIRM_LINK.matcher(mail.get(0).raw().replace("=\r\n", ""));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    private void assertPreviewPage(String page) {
        assertThat(page).contains("preview link").contains("Nothing was changed");
    }

    @Test
    void anAnalystsPreviewForARealSubscriberCarriesOnlyLinksThatChangeNothing() throws Exception {
        Subscriber gone = unsubscribed("gone");
        Subscriber active = add("active", List.of(news));
        Campaign c = campaign();
        String key = analystKey();
        for (Subscriber person : List.of(gone, active)) {
            String html = JsonPath.read(page(post("/api/v1/campaigns/" + c.id() + "/preview")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"subscriberId\": \"" + person.id() + "\"}")), "$.html");
            assertThat(html).contains("Dear Pat");
            String preferences = link(html, "/s/preferences/");
            String unsubscribe = link(html, "/s/unsubscribe/");
            assertPreviewPage(page(get("/s/preferences/" + preferences)));
            assertPreviewPage(page(post("/s/preferences/" + preferences).param("list", news.id().toString(), offers.id().toString())
                    .param("name", "Forged")));
            assertPreviewPage(page(post("/s/preferences/" + preferences + "/unsubscribe")));
            assertPreviewPage(page(get("/s/unsubscribe/" + unsubscribe)));
            assertPreviewPage(page(post("/s/unsubscribe/" + unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .content("List-Unsubscribe=One-Click")));
            assertPreviewPage(page(post("/s/confirm/" + preferences)));
            mvc.perform(get("/s/preferences/" + preferences + "/data")).andExpect(status().isNotFound());
        }
        assertThat(subscribers.get(admin, gone.id()).status().wireName()).isEqualTo("unsubscribed");
        assertThat(subscribers.get(admin, gone.id()).name()).isEqualTo("Pat");
        assertThat(suppressed(gone)).isTrue();
        assertThat(subscribers.consentLedger(admin, gone.id())).extracting(ConsentEvent::event).containsExactly(ConsentAct.SUBSCRIBED, ConsentAct.UNSUBSCRIBED);
        assertThat(subscribers.get(admin, active.id()).status().wireName()).isEqualTo("active");
        assertThat(subscribers.get(admin, active.id()).lists()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED));
        assertThat(platformMail(gone.email())).as("a preview link mails nobody").isEmpty();
    }

    @Test
    void testSendsAndSamplePreviewsCarryPreviewLinks() throws Exception {
        Campaign c = campaign();
        testRecipients.allow(admin, address("me"));
        campaigns.testSend(admin, c.id(), List.of(address("me")));
        OutboxMessage test = outbox.page(admin, null, 200).items().stream().filter(m -> m.recipient().equals(address("me")))
                .findFirst().orElseThrow();
        assertPreviewPage(page(get("/s/preferences/" + link(test.raw(), "/s/preferences/"))));
        assertPreviewPage(page(post("/s/unsubscribe/" + link(test.raw(), "/s/unsubscribe/"))));
        String html = campaigns.preview(admin, c.id(), null).html();
        assertPreviewPage(page(get("/s/view/" + link(html, "/s/view/"))));
        assertPreviewPage(page(get("/s/preferences/" + link(html, "/s/preferences/"))));
    }

    @Test
    void aLinkFromAMessageOnlyNarrowsAndWideningTakesAMailedConfirmation() throws Exception {
        Subscriber gone = unsubscribed("left");
        // The preferences link in every message the client sends, and so in the client's outbox.
        String fromAMessage = tokens.preferences(admin.clientId(), gone.id());
        String answer = page(post("/s/preferences/" + fromAMessage).param("list", news.id().toString()).param("name", "Pat"));
        assertThat(answer).contains("check your inbox");
        assertThat(subscribers.get(admin, gone.id()).status().wireName()).as("nothing changes before the mailed link")
                .isEqualTo("unsubscribed");
        assertThat(subscribers.get(admin, gone.id()).lists()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.UNSUBSCRIBED));
        assertThat(suppressed(gone)).isTrue();
        assertThat(subscribers.consentLedger(admin, gone.id())).extracting(ConsentEvent::event).doesNotContain(ConsentAct.CONFIRMED);

        String confirmation = mailedConfirmation(gone.email());
        assertThat(page(post("/s/confirm/" + confirmation).with(r -> {
            r.setRemoteAddr("203.0.113.7");
            return r;
        }))).contains("Subscription confirmed");
        Subscriber back = subscribers.get(admin, gone.id());
        assertThat(back.status().wireName()).isEqualTo("active");
        assertThat(back.lists()).singleElement().satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED));
        assertThat(suppressed(gone)).isFalse();
        List<ConsentEvent> ledger = subscribers.consentLedger(admin, gone.id());
        ConsentEvent last = ledger.get(ledger.size() - 1);
        assertThat(last.event()).isEqualTo(ConsentAct.CONFIRMED);
        assertThat(last.ip()).isEqualTo("203.0.113.7");
        assertThat(last.detail()).contains("confirmation link mailed to the address");

        // An active person: leaving a list takes effect at once; a double opt-in list waits for the mail.
        Subscriber active = add("active", List.of(news));
        forms.save(admin, offers.id(), new SubscriptionForms.Settings(true, null, null, List.of(), "Offers by mail."));
        String theirs = tokens.preferences(admin.clientId(), active.id());
        assertThat(page(post("/s/preferences/" + theirs).param("list", offers.id().toString()))).contains("check your inbox");
        Subscriber now = subscribers.get(admin, active.id());
        assertThat(now.lists()).singleElement().satisfies(m -> {
            assertThat(m.listId()).isEqualTo(news.id());
            assertThat(m.status()).isEqualTo(MembershipStatus.UNSUBSCRIBED);
        });
        mvc.perform(post("/s/confirm/" + mailedConfirmation(active.email()))).andExpect(status().isOk());
        assertThat(subscribers.get(admin, active.id()).lists()).anySatisfy(m -> {
            assertThat(m.listId()).isEqualTo(offers.id());
            assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED);
        });
    }

    @Test
    void aConfirmationLinkWorksOnceAndNeverAfterALaterUnsubscribe() throws Exception {
        SubscriptionForm form = forms.save(admin, offers.id(), new SubscriptionForms.Settings(true, null, null, List.of(),
                "Offers by mail."));
        String email = address("once");
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", email).with(r -> {
            r.setRemoteAddr("198.51.100.41");
            return r;
        })).andExpect(status().isOk());
        String token = mailedConfirmation(email);
        mvc.perform(post("/s/confirm/" + token)).andExpect(status().isOk());
        Subscriber person = subscribers.findByEmail(admin, email).orElseThrow();
        assertThat(person.lists()).singleElement().satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED));
        assertThat(page(post("/s/confirm/" + token))).as("used once").doesNotContain("Subscription confirmed");

        mvc.perform(post("/s/unsubscribe/" + tokens.unsubscribe(admin.clientId(), person.id()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click")).andExpect(status().isOk());
        assertThat(page(get("/s/confirm/" + token))).doesNotContain("Yes, subscribe me");
        assertThat(page(post("/s/confirm/" + token))).doesNotContain("Subscription confirmed");
        assertThat(subscribers.get(admin, person.id()).status().wireName()).isEqualTo("unsubscribed");
        assertThat(suppressed(person)).isTrue();

        // A confirmation still waiting when the person unsubscribes dies with the unsubscribe.
        String later = address("pending");
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", later).with(r -> {
            r.setRemoteAddr("198.51.100.42");
            return r;
        })).andExpect(status().isOk());
        String pending = mailedConfirmation(later);
        Subscriber waiting = subscribers.findByEmail(admin, later).orElseThrow();
        subscribers.unsubscribe(admin.clientId(), waiting.id(), new ConsentSource(ConsentChannel.ONE_CLICK, null, null, null, null));
        assertThat(page(post("/s/confirm/" + pending))).doesNotContain("Subscription confirmed");
        assertThat(subscribers.get(admin, waiting.id()).status().wireName()).isEqualTo("unsubscribed");
        assertThat(suppressed(waiting)).isTrue();
    }

    @Test
    void aConfirmationProvesOnlyTheAddressItWasMailedTo() throws Exception {
        SubscriptionForm form = forms.save(admin, offers.id(), new SubscriptionForms.Settings(true, null, null, List.of(),
                "Offers by mail."));
        // The client signs up an address it reads itself, then points the subscriber at someone else.
        String own = address("own");
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", own).with(r -> {
            r.setRemoteAddr("198.51.100.46");
            return r;
        })).andExpect(status().isOk());
        String token = mailedConfirmation(own);
        Subscriber person = subscribers.findByEmail(admin, own).orElseThrow();
        subscribers.correct(admin, person.id(), new Subscribers.Correction(address("victim"), null, null, null));
        assertThat(page(post("/s/confirm/" + token))).doesNotContain("Subscription confirmed");
        assertThat(subscribers.get(admin, person.id()).lists()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.UNCONFIRMED));
        assertThat(subscribers.consentLedger(admin, person.id())).extracting(ConsentEvent::event).doesNotContain(ConsentAct.CONFIRMED);
    }

    @Test
    void postingTheFormAgainDoesNotPutBackSomeoneWhoLeftAList() throws Exception {
        SubscriptionForm form = forms.save(admin, news.id(), new SubscriptionForms.Settings(true, null, null, List.of(), "News by mail."));
        Subscriber stays = add("stays", List.of(news, offers));
        // Active, but left the News list in the preference centre.
        page(post("/s/preferences/" + tokens.preferences(admin.clientId(), stays.id())));
        assertThat(subscribers.get(admin, stays.id()).lists()).filteredOn(m -> m.listId().equals(news.id())).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.UNSUBSCRIBED));
        for (int i = 0; i < 2; i++) {
            int n = i;
            mvc.perform(post("/s/subscribe/" + form.id()).param("email", stays.email()).with(r -> {
                r.setRemoteAddr("198.51.100." + (60 + n));
                return r;
            })).andExpect(status().isOk());
        }
        assertThat(subscribers.get(admin, stays.id()).lists()).filteredOn(m -> m.listId().equals(news.id())).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.UNSUBSCRIBED));
    }

    @Test
    void theClientCannotMoveTheAddressOfSomeoneWhoLeftAList() {
        Subscriber gone = unsubscribed("moved");
        assertThatThrownBy(() -> subscribers.correct(admin, gone.id(), new Subscribers.Correction(address("mine"), null, null, null)))
                .isInstanceOf(ConflictException.class);
        assertThat(subscribers.get(admin, gone.id()).email()).isEqualTo(gone.email());
        // A person on every list they joined may still have a typo corrected.
        Subscriber typo = add("tpyo", List.of(news));
        subscribers.correct(admin, typo.id(), new Subscribers.Correction(address("typo"), null, null, null));
        assertThat(subscribers.get(admin, typo.id()).email()).isEqualTo(address("typo"));
    }

    @Test
    void theFormAnswersAlikeForANewAndAReturningAddress() throws Exception {
        SubscriptionForm form = forms.save(admin, news.id(), new SubscriptionForms.Settings(true, null, null, List.of(), "News by mail."));
        Subscriber gone = unsubscribed("returning");
        String returning = page(post("/s/subscribe/" + form.id()).param("email", gone.email()).with(r -> {
            r.setRemoteAddr("198.51.100.43");
            return r;
        }));
        String fresh = page(post("/s/subscribe/" + form.id()).param("email", address("fresh")).with(r -> {
            r.setRemoteAddr("198.51.100.44");
            return r;
        }));
        assertThat(returning).isEqualTo(fresh);
        assertThat(subscribers.get(admin, gone.id()).status().wireName()).as("the returning address must confirm").isEqualTo("unsubscribed");
        assertThat(platformMail(gone.email())).hasSize(1);
        assertThat(subscribers.findByEmail(admin, address("fresh")).orElseThrow().lists()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.CONFIRMED));
    }

    @Test
    void oneClientsErasureLeavesAnotherClientsConfirmationMail() throws Exception {
        Actor other = Fixtures.admin(Fixtures.client(clients, "Other"));
        MailingList theirs = lists.create(other, new Lists.ListInput("Theirs", null, "double"));
        SubscriptionForm otherForm = forms.save(other, theirs.id(), new SubscriptionForms.Settings(true, null, null, List.of(), "Theirs."));
        SubscriptionForm ourForm = forms.save(admin, offers.id(), new SubscriptionForms.Settings(true, null, null, List.of(), "Ours."));
        String email = address("both");
        for (SubscriptionForm f : List.of(otherForm, ourForm)) {
            mvc.perform(post("/s/subscribe/" + f.id()).param("email", email).with(r -> {
                r.setRemoteAddr("198.51.100.45");
                return r;
            })).andExpect(status().isOk());
        }
        assertThat(platformMail(email)).hasSize(2);
        subscribers.erase(admin, subscribers.findByEmail(admin, email).orElseThrow().id(), "asked");
        assertThat(platformMail(email)).singleElement().satisfies(m -> assertThat(m.subject()).contains("Theirs"));
    }
}
