package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.ConsentAct;
import org.optline.audience.CustomFields;
import org.optline.audience.EmailAddress;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.MembershipStatus;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.audience.fields.FieldValues;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The subscribers pages: add by hand, sort, filter and page the list, typed edits, list changes, and refusals in words. */
@OptlineTest
class SubscribersPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Imports imports;

    MockHttpSession session;
    Actor admin;
    MailingList news;
    MailingList club;

    @BeforeEach
    void logIn() throws Exception {
        var client = Fixtures.client(clients, "Subscriber Pages");
        admin = Fixtures.admin(client);
        session = (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email")
                .user(client.admin().email()).password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
        news = lists.create(admin, new Lists.ListInput("News", null, "single"));
        club = lists.create(admin, new Lists.ListInput("Garden club", null, "double"));
        fields.create(admin, "age", "Age", "number");
        fields.create(admin, "signup_date", "Signed up", "date");
        fields.create(admin, "vip", "VIP", "boolean");
        fields.create(admin, "interests", "Interests", "multi");
        fields.create(admin, "country", "Country", "text");
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder form(String path) {
        return post(path).session(session).with(csrf());
    }

    private Subscriber save(String email, String name, Map<String, Object> values, List<MailingList> on) {
        return subscribers.save(admin, new SubscriberInput(email, name, values, on.stream().map(MailingList::id).toList(), null),
                false).subscriber();
    }

    @Test
    void initAddShowsATypedInputPerField() throws Exception {
        save("known@shop.test", null, Map.of("interests", List.of("roses", "ferns")), List.of());
        String html = page("/audience/subscribers");
        assertThat(html).contains("href=\"/audience/subscribers/new\"");
        html = page("/audience/subscribers/new");
        assertThat(html).contains("type=\"number\" step=\"any\" name=\"field.age\"")
                .contains("type=\"date\" name=\"field.signup_date\"")
                .contains("<select name=\"field.vip\">")
                .contains("<select multiple name=\"field.interests\"")
                .contains("<option value=\"ferns\">ferns</option>").contains("<option value=\"roses\">roses</option>")
                .contains("name=\"field.country\"")
                .contains("Garden club").contains("This person already confirmed");
    }

    @Test
    void processAddStoresTheSubscriberWithListsFieldsAndTheConsentNote() throws Exception {
        mvc.perform(form("/audience/subscribers/new").param("email", "Rose@Garden.DE").param("name", "Rose")
                        .param("status", "active").param("lists", news.id().toString(), club.id().toString())
                        .param("consentNote", "signed the sheet at the shop counter")
                        .param("field.age", "41.5").param("field.signup_date", "2026-03-01").param("field.vip", "true")
                        .param("field.interests", "tulips", "roses;ferns").param("field.country", "DE"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/audience/subscribers/*"))
                .andExpect(flash().attribute("notice", "Added Rose@garden.de."));
        Subscriber rose = subscribers.findByEmail(admin, "rose@garden.de").orElseThrow();
        assertThat(rose.name()).isEqualTo("Rose");
        assertThat(rose.fields()).containsEntry("age", "41.5").containsEntry("signup_date", "2026-03-01")
                .containsEntry("vip", "true").containsEntry("country", "DE")
                .containsEntry("interests", List.of("ferns", "roses", "tulips"));
        assertThat(rose.lists()).extracting(m -> m.listName() + ":" + m.status().wireName())
                .containsExactlyInAnyOrder("News:confirmed", "Garden club:unconfirmed");
        assertThat(subscribers.consentLedger(admin, rose.id())).filteredOn(e -> e.event() == ConsentAct.SUBSCRIBED)
                .hasSize(2).allSatisfy(e -> assertThat(e.consentText()).isEqualTo("signed the sheet at the shop counter"));
    }

    @Test
    void processAddWithErrorsSaysSoInWordsAndKeepsEverythingTyped() throws Exception {
        String html = mvc.perform(form("/audience/subscribers/new").param("email", "not-an-address").param("name", "Nobody Yet")
                        .param("status", "active").param("lists", news.id().toString()).param("consentNote", "asked in person")
                        .param("field.age", "old").param("field.signup_date", "2026-02-30").param("field.vip", "false")
                        .param("field.interests", "hedges").param("field.country", "NL"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Email is not an email address.")
                .doesNotContain("fields.").doesNotContain("field.age must");
        assertThat(html).contains("value=\"not-an-address\"").contains("value=\"Nobody Yet\"").contains("value=\"asked in person\"")
                .contains("value=\"old\"").contains("value=\"2026-02-30\"").contains("value=\"NL\"")
                .contains("<option value=\"false\" selected=\"selected\">No</option>")
                .contains("<option value=\"hedges\" selected=\"selected\">hedges</option>")
                .containsPattern("value=\"" + news.id() + "\" checked=\"checked\"");
        assertThat(subscribers.count(admin)).isZero();

        html = mvc.perform(form("/audience/subscribers/new").param("email", "fine@garden.de").param("field.age", "old")
                        .param("field.signup_date", "2026-02-30"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Age must be a number like 42 or 3.5.").contains("Signed up must be a date like 2026-01-31.");
        assertThat(subscribers.count(admin)).isZero();
    }

    @Test
    void processAddRefusesAnAddressTheClientHasAndCanRecordAnOptOut() throws Exception {
        save("taken@garden.de", "Taken", Map.of(), List.of());
        String html = mvc.perform(form("/audience/subscribers/new").param("email", "TAKEN@garden.de").param("name", "Other"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("A subscriber with this address already exists.").contains("value=\"Other\"");
        assertThat(subscribers.findByEmail(admin, "taken@garden.de").orElseThrow().name()).isEqualTo("Taken");

        html = mvc.perform(form("/audience/subscribers/new").param("email", "gone@garden.de").param("status", "unsubscribed")
                        .param("lists", news.id().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Lists must be empty for an unsubscribed subscriber.");

        mvc.perform(form("/audience/subscribers/new").param("email", "gone@garden.de").param("status", "unsubscribed"))
                .andExpect(status().is3xxRedirection());
        Subscriber gone = subscribers.findByEmail(admin, "gone@garden.de").orElseThrow();
        assertThat(gone.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(suppressions.isSuppressed(admin.clientId(), EmailAddress.of("email", "gone@garden.de"))).isTrue();
        assertThat(subscribers.consentLedger(admin, gone.id())).extracting(e -> e.event()).containsExactly(ConsentAct.UNSUBSCRIBED);
    }

    @Test
    void searchSortsByEachColumnEitherWay() throws Exception {
        save("bea@b.test", "Zora", Map.of(), List.of());
        save("cid@c.test", null, Map.of(), List.of());
        save("abe@a.test", "Mia", Map.of(), List.of());
        subscribers.correct(admin, subscribers.findByEmail(admin, "bea@b.test").orElseThrow().id(),
                new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThat(order(page("/audience/subscribers?sort=email"))).containsExactly("abe", "bea", "cid");
        assertThat(order(page("/audience/subscribers?sort=-email"))).containsExactly("cid", "bea", "abe");
        assertThat(order(page("/audience/subscribers?sort=name"))).containsExactly("abe", "bea", "cid");
        assertThat(order(page("/audience/subscribers?sort=-name"))).containsExactly("bea", "abe", "cid");
        assertThat(order(page("/audience/subscribers?sort=created"))).containsExactly("bea", "cid", "abe");
        assertThat(order(page("/audience/subscribers"))).containsExactly("abe", "cid", "bea");
        assertThat(order(page("/audience/subscribers?sort=status"))).containsExactly("abe", "cid", "bea");
        assertThat(order(page("/audience/subscribers?sort=-status"))).containsExactly("bea", "abe", "cid");
        assertThat(page("/audience/subscribers?sort=-email")).contains("<option value=\"-email\" selected=\"selected\">Email Z–A</option>");
        assertThat(page("/audience/subscribers?sort=shoe-size")).contains("Sort must be one of email, name, created, status");
    }

    /** The local parts of the addresses in the results table, top to bottom. */
    private static List<String> order(String html) {
        return Pattern.compile(">([a-z]+)@[a-z]\\.test</a>").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void searchFiltersByTextListAndStatus() throws Exception {
        save("ann@a.test", "Ann Gardener", Map.of(), List.of(news));
        save("bob@b.test", "Bob", Map.of(), List.of(club));
        save("gardens@c.test", null, Map.of(), List.of());
        subscribers.correct(admin, subscribers.findByEmail(admin, "bob@b.test").orElseThrow().id(),
                new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThat(order(page("/audience/subscribers?q=GARDEN&sort=email"))).containsExactly("ann", "gardens");
        assertThat(order(page("/audience/subscribers?q=b.test"))).containsExactly("bob");
        assertThat(order(page("/audience/subscribers?listId=" + news.id()))).containsExactly("ann");
        assertThat(order(page("/audience/subscribers?status=unsubscribed"))).containsExactly("bob");
        assertThat(order(page("/audience/subscribers?status=active&q=garden&listId=" + club.id()))).isEmpty();
        assertThat(page("/audience/subscribers?q=100%25_")).contains("No subscribers match").contains("0 subscribers match");
        assertThat(page("/audience/subscribers?status=asleep")).contains("Status must be one of active");
        String fragment = mvc.perform(get("/audience/subscribers?q=ann").header("HX-Request", "true").session(session))
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("ann@a.test").contains("1 subscriber matches").doesNotContain("<html");
    }

    @Test
    void searchPagesKeepTheFilterAndOrder() throws Exception {
        for (int i = 0; i < 53; i++) {
            save(String.format("p%02d@p.test", i), "P", Map.of(), List.of(news));
        }
        save("other@p.test", "Other", Map.of(), List.of());
        String first = page("/audience/subscribers?listId=" + news.id() + "&sort=email");
        assertThat(first).contains("53 subscribers match").contains("p00@p.test").contains("p49@p.test")
                .doesNotContain("p50@p.test").doesNotContain("Previous page");
        var link = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
        assertThat(link.find()).isTrue();
        String next = link.group(1).replace("&amp;", "&");
        assertThat(next).contains("listId=" + news.id()).contains("sort=email").contains("page=2");
        String second = page(next);
        assertThat(second).contains("p50@p.test").contains("p52@p.test").doesNotContain("p49@p.test")
                .doesNotContain("other@p.test").doesNotContain("Next page").contains("Previous page");
    }

    @Test
    void showOffersTypedInputsFilledWithTheStoredValues() throws Exception {
        save("known@shop.test", null, Map.of("interests", List.of("ferns")), List.of());
        var s = save("kim@shop.test", "Kim", Map.of("age", 29, "signup_date", "2026-01-31", "vip", true,
                "interests", List.of("roses", "tulips")), List.of(news));
        String html = page("/audience/subscribers/" + s.id());
        assertThat(html).contains("type=\"number\" step=\"any\" name=\"field.age\" value=\"29\"")
                .contains("type=\"date\" name=\"field.signup_date\" value=\"2026-01-31\"")
                .contains("<option value=\"true\" selected=\"selected\">Yes</option>")
                .contains("<option value=\"ferns\">ferns</option>")
                .contains("<option value=\"roses\" selected=\"selected\">roses</option>")
                .contains("<option value=\"tulips\" selected=\"selected\">tulips</option>")
                .contains("Consent history").contains("Activity").contains("Garden club");
    }

    @Test
    void processEditSavesTypedValuesAndClearsThoseLeftEmpty() throws Exception {
        var s = save("kim@shop.test", "Kim", Map.of("age", 29, "vip", true, "interests", List.of("roses", "tulips")), List.of());
        mvc.perform(form("/audience/subscribers/" + s.id()).param("email", "kim@shop.test").param("name", "Kim K")
                        .param("field.age", "30.25").param("field.signup_date", "2025-12-24").param("field.vip", "false")
                        .param("field.interests", "roses", "hedges;ferns").param("field.country", ""))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "Saved."));
        Subscriber kim = subscribers.get(admin, s.id());
        assertThat(kim.name()).isEqualTo("Kim K");
        assertThat(kim.fields()).containsEntry("age", "30.25").containsEntry("signup_date", "2025-12-24")
                .containsEntry("vip", "false").containsEntry("interests", List.of("ferns", "hedges", "roses"))
                .doesNotContainKey("country");

        mvc.perform(form("/audience/subscribers/" + s.id()).param("email", "kim@shop.test").param("name", "Kim K")
                        .param("field.vip", "").param("field.interests", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(subscribers.get(admin, s.id()).fields()).doesNotContainKey("vip").doesNotContainKey("interests");
    }

    @Test
    void processEditWithErrorsKeepsWhatWasTypedAndStoresNothing() throws Exception {
        var s = save("kim@shop.test", "Kim", Map.of("age", 29), List.of());
        String html = mvc.perform(form("/audience/subscribers/" + s.id()).param("email", "kim@shop.test").param("name", "Kimberly")
                        .param("field.age", "lots").param("field.interests", "new-one"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Age must be a number like 42 or 3.5.").doesNotContain("fields.age")
                .contains("value=\"Kimberly\"").contains("value=\"lots\"")
                .contains("<option value=\"new-one\" selected=\"selected\">new-one</option>");
        assertThat(subscribers.get(admin, s.id()).name()).isEqualTo("Kim");
        assertThat(subscribers.get(admin, s.id()).fields()).containsEntry("age", "29").doesNotContainKey("interests");

        html = mvc.perform(form("/audience/subscribers/" + s.id()).param("email", "kim@").param("name", "Kim"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Email ").contains("value=\"kim@\"");
        assertThat(subscribers.get(admin, s.id()).email()).isEqualTo("kim@shop.test");
    }

    @Test
    void processJoinAndLeaveChangeMembershipsThroughTheLedger() throws Exception {
        var s = save("kim@shop.test", "Kim", Map.of(), List.of());
        assertThat(page("/audience/subscribers/" + s.id())).contains("Add to lists");
        mvc.perform(form("/audience/subscribers/" + s.id() + "/lists").param("lists", news.id().toString(), club.id().toString())
                        .param("preconfirmed", "on"))
                .andExpect(flash().attribute("notice", "Added to 2 lists."));
        assertThat(subscribers.get(admin, s.id()).lists()).extracting(m -> m.status())
                .containsOnly(MembershipStatus.CONFIRMED);

        mvc.perform(form("/audience/subscribers/" + s.id() + "/lists/" + news.id() + "/remove"))
                .andExpect(flash().attribute("notice", "Removed from the list; only the subscriber can join it again."));
        assertThat(subscribers.get(admin, s.id()).lists()).filteredOn(m -> m.listId().equals(news.id()))
                .singleElement().satisfies(m -> assertThat(m.status()).isEqualTo(MembershipStatus.UNSUBSCRIBED));
        assertThat(subscribers.get(admin, s.id()).status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(subscribers.consentLedger(admin, s.id())).filteredOn(e -> e.event() == ConsentAct.UNSUBSCRIBED)
                .singleElement().satisfies(e -> {
                    assertThat(e.listId()).isEqualTo(news.id());
                    assertThat(e.detail()).isEqualTo("removed from the list by the client");
                });

        var third = lists.create(admin, new Lists.ListInput("Third", null, "single"));
        mvc.perform(form("/audience/subscribers/" + s.id() + "/lists").param("lists", news.id().toString(), third.id().toString()))
                .andExpect(flash().attribute("error", "The subscriber left 'News'; only they can rejoin it."));
        assertThat(subscribers.get(admin, s.id()).lists()).noneMatch(m -> m.listId().equals(third.id()));
        mvc.perform(form("/audience/subscribers/" + s.id() + "/lists"))
                .andExpect(flash().attribute("error", "Choose at least one list to add the subscriber to."));
        mvc.perform(form("/audience/subscribers/" + s.id() + "/lists/" + third.id() + "/remove"))
                .andExpect(flash().attribute("error", "List names a list this subscriber is not on."));
    }

    @Test
    void aMultiValueRoundTripsThroughImportAndTheForm() throws Exception {
        String csv = "email;interests\r\nann@garden.de;\"roses;ferns; old tulips\"\r\n";
        ImportJob job = imports.upload(admin, news.id(), "people.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        imports.start(admin, job.id(), null, "Signed up at the spring fair, 2026");
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(admin, job.id()), ImportJob::finished);
        Subscriber imported = subscribers.findByEmail(admin, "ann@garden.de").orElseThrow();
        assertThat(imported.fields()).containsEntry("interests", List.of("ferns", "old tulips", "roses"));

        // The form shows those values chosen; posting it back unchanged stores the same values.
        String html = page("/audience/subscribers/" + imported.id());
        for (String value : List.of("ferns", "old tulips", "roses")) {
            assertThat(html).contains("<option value=\"" + value + "\" selected=\"selected\">" + value + "</option>");
        }
        mvc.perform(form("/audience/subscribers/" + imported.id()).param("email", "ann@garden.de")
                        .param("field.interests", "ferns", "old tulips", "roses").param("field.interests", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(subscribers.get(admin, imported.id()).fields()).containsEntry("interests", List.of("ferns", "old tulips", "roses"));

        // Both pages tell the same separator.
        assertThat(page("/audience/imports")).contains("<code>shoes" + FieldValues.MULTI_SEPARATOR + "hats</code>");
        assertThat(html).contains("placeholder=\"new values, separated by " + FieldValues.MULTI_SEPARATOR + "\"");
        // A value typed in the form's text box with the same separator reads as the import read it.
        var typed = subscribers.add(admin, new SubscriberInput("bea@garden.de", null, Map.of("interests", "roses;ferns; old tulips"),
                List.of(), null), false, "active");
        assertThat(typed.fields().get("interests")).isEqualTo(imported.fields().get("interests"));
    }
}
