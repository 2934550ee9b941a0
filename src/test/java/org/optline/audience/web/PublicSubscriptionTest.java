package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentAct;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.CustomFields;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.Membership;
import org.optline.audience.MembershipStatus;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForm;
import org.optline.audience.SubscriptionForms;
import org.optline.audience.Suppressions;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The subscriber's side, without login: hosted form, double opt-in by the mailed link, the
 * preference centre and unsubscribing from everything; and the defences of the public form.
 */
@OptlineTest
class PublicSubscriptionTest {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/s/confirm/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired SubscriptionForms forms;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Outbox outbox;
    @Autowired SubscriberTokens tokens;

    Actor admin;
    MailingList list;
    SubscriptionForm form;

    @BeforeEach
    void aDoubleOptInListWithAForm() {
        admin = Fixtures.admin(Fixtures.client(clients, "Public"));
        list = lists.create(admin, new Lists.ListInput("Recipes", "Weekly recipes", "double"));
        fields.create(admin, "diet", "Diet", "text", true);
        form = forms.save(admin, list.id(), new SubscriptionForms.Settings(true, null, "One recipe a week.", List.of("diet"),
                "Yes, send me the weekly recipe email. I can leave at any time."));
    }

    private String subscribe(String email, String ip) throws Exception {
        return mvc.perform(post("/s/subscribe/" + form.id()).param("email", email).param("name", "Sam")
                        .param("field.diet", "vegan").with(r -> {
                            r.setRemoteAddr(ip);
                            return r;
                        }).header("User-Agent", "TestBrowser/1.0"))
                .andReturn().getResponse().getContentAsString();
    }

    private String confirmationToken(String email) {
        assertThat(outbox.page(admin, null, 200).items()).as("the client never sees confirmation links")
                .noneMatch(m -> m.recipient().equals(email));
        OutboxMessage message = outbox.page(Fixtures.operator(), null, 200).items().stream()
                .filter(m -> m.recipient().equals(email)).findFirst().orElseThrow();
        assertThat(message.raw()).contains("Subject: Please confirm your subscription to ")
                .contains("1 Main Street, Springfield").contains("Message-ID: <");
        Matcher m = CONFIRM_LINK.matcher(message.raw().replace("=\r\n", ""));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void doubleOptInNeedsTheMailedLinkAndAButtonPress() throws Exception {
        String page = mvc.perform(get("/s/subscribe/" + form.id())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Subscribe to Recipes").contains("I can leave at any time").contains("name=\"website\"");
        assertThat(subscribe("sam@kitchen.de", "203.0.113.1")).contains("Please check your inbox");
        var sam = subscribers.findByEmail(admin, "sam@kitchen.de").orElseThrow();
        assertThat(sam.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.UNCONFIRMED);
        assertThat(sam.fields()).containsEntry("diet", "vegan");

        String token = confirmationToken("sam@kitchen.de");
        assertThat(mvc.perform(get("/s/confirm/" + token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("Yes, subscribe me");
        assertThat(subscribers.get(admin, sam.id()).lists().get(0).status()).as("a GET changes nothing")
                .isEqualTo(MembershipStatus.UNCONFIRMED);
        String confirmed = mvc.perform(post("/s/confirm/" + token).with(r -> {
            r.setRemoteAddr("203.0.113.9");
            return r;
        })).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirmed).contains("Subscription confirmed");
        assertThat(subscribers.get(admin, sam.id()).lists().get(0).status()).isEqualTo(MembershipStatus.CONFIRMED);
        List<ConsentEvent> ledger = subscribers.consentLedger(admin, sam.id());
        assertThat(ledger).extracting(ConsentEvent::event).containsExactly(ConsentAct.SUBSCRIBED, ConsentAct.CONFIRMED);
        assertThat(ledger.get(0).ip()).isEqualTo("203.0.113.1");
        assertThat(ledger.get(0).userAgent()).isEqualTo("TestBrowser/1.0");
        assertThat(ledger.get(0).consentText()).contains("weekly recipe email");
        assertThat(ledger.get(0).detail()).isEqualTo("consent text version 1");
        assertThat(ledger.get(1).ip()).isEqualTo("203.0.113.9");

        Matcher prefs = Pattern.compile("/s/preferences/([^\"]+)\"").matcher(confirmed);
        assertThat(prefs.find()).isTrue();
        String prefToken = prefs.group(1);
        assertThat(mvc.perform(get("/s/preferences/" + prefToken)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("sam@kitchen.de").contains("Recipes");
        mvc.perform(post("/s/preferences/" + prefToken).param("name", "Samantha").param("field.diet", "vegetarian"))
                .andExpect(status().isOk());
        var after = subscribers.get(admin, sam.id());
        assertThat(after.name()).isEqualTo("Samantha");
        assertThat(after.fields()).containsEntry("diet", "vegetarian");
        assertThat(after.lists().get(0).status()).as("the unticked list is left").isEqualTo(MembershipStatus.UNSUBSCRIBED);
        String data = mvc.perform(get("/s/preferences/" + prefToken + "/data")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(data).contains("Samantha").contains("preferences_changed");
        // They left the list in the preference centre: a form submission in their name cannot put
        // them back without their confirmation.
        subscribe("sam@kitchen.de", "203.0.113.50");
        assertThat(subscribers.get(admin, sam.id()).lists().get(0).status()).as("left until the mailed link is followed")
                .isEqualTo(MembershipStatus.UNSUBSCRIBED);
        mvc.perform(post("/s/preferences/" + prefToken + "/unsubscribe")).andExpect(status().isOk());
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("e", "sam@kitchen.de"))).isTrue();
    }

    @Test
    void thePreferenceCentreNeitherShowsNorTakesAFieldSubscribersMayNotEdit() throws Exception {
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "score", "Lead score", "number");
        var pat = subscribers.save(admin, new SubscriberInput("pat@kitchen.de", "Pat", Map.of("vip", false, "score", 12,
                "diet", "vegan"), List.of(), null), false).subscriber();
        String token = tokens.preferences(admin.clientId(), pat.id());

        String page = mvc.perform(get("/s/preferences/" + token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("name=\"field.diet\"").contains("value=\"vegan\"")
                .doesNotContain("field.vip").doesNotContain("VIP").doesNotContain("field.score").doesNotContain("Lead score");

        mvc.perform(post("/s/preferences/" + token).param("name", "Pat").param("field.diet", "vegetarian")
                .param("field.vip", "true").param("field.score", "99")).andExpect(status().isOk());
        var after = subscribers.get(admin, pat.id());
        assertThat(after.fields()).as("posting an internal field changes nothing")
                .containsEntry("vip", "false").containsEntry("score", "12").containsEntry("diet", "vegetarian");
        // Not even a value the page could not have shown: a field posted empty is not cleared either.
        mvc.perform(post("/s/preferences/" + token).param("field.diet", "vegetarian").param("field.vip", ""))
                .andExpect(status().isOk());
        assertThat(subscribers.get(admin, pat.id()).fields()).containsEntry("vip", "false");
    }

    @Test
    void erasureAlsoDeletesTheMailCapturedForTheAddress() throws Exception {
        subscribe("gone@kitchen.de", "203.0.113.60");
        assertThat(outbox.page(Fixtures.operator(), null, 200).items()).anyMatch(m -> m.recipient().equals("gone@kitchen.de"));
        subscribers.erase(admin, subscribers.findByEmail(admin, "gone@kitchen.de").orElseThrow().id(), "asked");
        assertThat(outbox.page(Fixtures.operator(), null, 200).items()).noneMatch(m -> m.recipient().equals("gone@kitchen.de"));
    }

    @Test
    void oneClickUnsubscribeNeedsNoCookieOrCsrfAndAGetChangesNothing() throws Exception {
        var single = lists.create(admin, new Lists.ListInput("Deals", null, "single"));
        var person = subscribers.save(admin, new SubscriberInput("oneclick@kitchen.de", null, Map.of(),
                List.of(single.id()), null), false).subscriber();
        String token = tokens.unsubscribe(admin.clientId(), person.id());
        assertThat(mvc.perform(get("/s/unsubscribe/" + token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("Unsubscribe from everything");
        assertThat(subscribers.get(admin, person.id()).status().wireName()).as("a GET changes nothing").isEqualTo("active");
        mvc.perform(post("/s/unsubscribe/" + token).contentType("application/x-www-form-urlencoded")
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk());
        assertThat(subscribers.get(admin, person.id()).status().wireName()).isEqualTo("unsubscribed");
        assertThat(subscribers.consentLedger(admin, person.id())).extracting(ConsentEvent::sourceKind).contains(ConsentChannel.ONE_CLICK);
        mvc.perform(post("/s/unsubscribe/" + Fixtures.tampered(token))).andExpect(status().isNotFound());
    }

    @Test
    void aFormNeverChangesAnExistingSubscribersProfile() throws Exception {
        subscribe("owner@kitchen.de", "203.0.113.2");
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", "owner@kitchen.de").param("name", "Vandal")
                .param("field.diet", "carnivore"));
        var owner = subscribers.findByEmail(admin, "owner@kitchen.de").orElseThrow();
        assertThat(owner.name()).isEqualTo("Sam");
        assertThat(owner.fields()).containsEntry("diet", "vegan");
    }

    @Test
    void theHoneypotAndRateLimitsStopBots() throws Exception {
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", "bot@spam.de").param("website", "http://spam"))
                .andExpect(status().isOk());
        assertThat(subscribers.findByEmail(admin, "bot@spam.de")).isEmpty();
        for (int i = 0; i < 10; i++) {
            subscribe("flood" + i + "@kitchen.de", "198.51.100.77");
        }
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", "flood10@kitchen.de").with(r -> {
            r.setRemoteAddr("198.51.100.77");
            return r;
        })).andExpect(status().isTooManyRequests());
        assertThat(subscribers.findByEmail(admin, "flood10@kitchen.de")).isEmpty();
    }

    @Test
    void badInputAndBadLinksGetReadablePages() throws Exception {
        String page = mvc.perform(post("/s/subscribe/" + form.id()).param("email", "not-an-address").with(r -> {
            r.setRemoteAddr("198.51.100.5");
            return r;
        })).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Email is not an email address").contains("value=\"not-an-address\"");
        mvc.perform(get("/s/confirm/forged.token")).andExpect(status().isNotFound());
        mvc.perform(post("/s/confirm/forged.token")).andExpect(status().isNotFound());
        mvc.perform(get("/s/preferences/AAAA.BBBB")).andExpect(status().isNotFound());
        mvc.perform(get("/s/subscribe/not-a-form")).andExpect(status().isNotFound());
    }

    @Test
    void anAddressThatLeftMustConfirmAgainEvenOnASingleOptInList() throws Exception {
        var single = lists.create(admin, new Lists.ListInput("Offers", null, "single"));
        var singleForm = forms.save(admin, single.id(), new SubscriptionForms.Settings(true, "Offers", null, List.of(), "Offers by mail."));
        mvc.perform(post("/s/subscribe/" + singleForm.id()).param("email", "back@kitchen.de").with(r -> {
            r.setRemoteAddr("198.51.100.30");
            return r;
        })).andExpect(status().isOk());
        var back = subscribers.findByEmail(admin, "back@kitchen.de").orElseThrow();
        assertThat(back.lists()).singleElement().extracting(Membership::status).isEqualTo(MembershipStatus.CONFIRMED);
        subscribers.correct(admin, back.id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        String again = mvc.perform(post("/s/subscribe/" + singleForm.id()).param("email", "back@kitchen.de").with(r -> {
            r.setRemoteAddr("198.51.100.31");
            return r;
        })).andReturn().getResponse().getContentAsString();
        assertThat(again).as("the same answer as for a new address").contains("Thank you for subscribing")
                .contains("If you unsubscribed from us before");
        assertThat(subscribers.get(admin, back.id()).lists().get(0).status()).as("left until the mailed link is followed")
                .isEqualTo(MembershipStatus.UNSUBSCRIBED);
        mvc.perform(post("/s/confirm/" + confirmationToken("back@kitchen.de")));
        assertThat(subscribers.get(admin, back.id()).lists().get(0).status()).isEqualTo(MembershipStatus.CONFIRMED);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("e", "back@kitchen.de"))).isFalse();
    }
}
