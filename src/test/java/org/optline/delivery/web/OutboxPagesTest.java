package org.optline.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.SubscriptionForms;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.OutboxSearch;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.NotFoundException;
import org.optline.platform.Role;
import org.optline.platform.TransactionalMail;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The outbox browser: search by recipient, campaign and kind; a message read part by part; who sees what. */
@OptlineTest
class OutboxPagesTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired DeliveryWorker worker;
    @Autowired Outbox outbox;
    @Autowired SubscriptionForms forms;

    CreatedClient client;
    Actor admin;
    MockHttpSession session;
    String domain;

    @BeforeEach
    void aClientWithASendingDomain() throws Exception {
        client = Fixtures.client(clients, "Outbox Browser");
        admin = Fixtures.admin(client);
        session = logIn(client);
        domain = Fixtures.domain("outbox-browser.de");
        mvc.perform(post("/sending/domains").session(session).with(csrf()).param("domain", domain));
    }

    private MockHttpSession logIn(CreatedClient who) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(who.admin().email())
                .password(who.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private Campaign sent(String name, String html, String... recipients) {
        var list = lists.create(admin, new Lists.ListInput(name + " list", null, "single"));
        for (String r : recipients) {
            subscribers.save(admin, new SubscriberInput(r, "Jürgen Müller", Map.of(), List.of(list.id()), null), false);
        }
        var c = campaigns.create(admin, new Campaigns.CampaignInput(name, "Grüße from " + name, null, "Shop",
                "news@" + domain, null, html, null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        worker.runOnce();
        return c;
    }

    private static List<String> ids(String page) {
        Matcher m = Pattern.compile("href=\"/outbox/([0-9a-f-]{36})\"").matcher(page);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The outbox table alone (the sidebar shows the user's own address). */
    private String table(String path) throws Exception {
        String page = page(path);
        return page.substring(page.indexOf("<table id=\"outbox-table\""), page.indexOf("</table>", page.indexOf("outbox-table")));
    }

    private OutboxMessage only(OutboxSearch search) {
        return outbox.search(admin, search, null, 50).items().stream().findFirst().orElseThrow();
    }

    @Test
    void searchFiltersByRecipientCampaignAndKind() throws Exception {
        Campaign spring = sent("Spring", "<p>Spring</p>", "anna@" + domain, "bert@" + domain);
        Campaign autumn = sent("Autumn", "<p>Autumn</p>", "anna@" + domain, "carl@" + domain);
        campaigns.testSend(admin, spring.id(), List.of(client.admin().email()));

        assertThat(ids(page("/outbox"))).hasSize(5);
        String byRecipient = page("/outbox?recipient=ANNA@");
        assertThat(ids(byRecipient)).hasSize(2);
        assertThat(byRecipient).doesNotContain("bert@").doesNotContain("carl@").contains("value=\"ANNA@\"");
        String byCampaign = table("/outbox?campaignId=" + autumn.id());
        assertThat(ids(byCampaign)).hasSize(2);
        assertThat(byCampaign).contains("carl@").doesNotContain("bert@").doesNotContain(client.admin().email());
        assertThat(ids(page("/outbox?campaignId=" + autumn.id() + "&recipient=anna"))).hasSize(1);
        String tests = table("/outbox?kind=test");
        assertThat(ids(tests)).hasSize(1);
        assertThat(tests).contains(client.admin().email()).doesNotContain("anna@");
        assertThat(ids(page("/outbox?kind=campaign"))).hasSize(4);
        assertThat(page("/outbox?recipient=nobody-at-all")).contains("No message matches.");
        // An unknown kind narrows nothing rather than failing.
        assertThat(ids(page("/outbox?kind=bogus"))).hasSize(5);
        // Paging keeps the filters.
        var first = outbox.search(admin, new OutboxSearch(null, null, "campaign"), null, 3);
        assertThat(first.items()).hasSize(3);
        assertThat(outbox.search(admin, new OutboxSearch(null, null, "campaign"), first.nextCursor(), 3).items())
                .singleElement().extracting(OutboxMessage::kind).isEqualTo("campaign");
    }

    @Test
    void aMessageShowsItsHeadersTextAndHtmlInASandboxedFrameBesideTheRawSource() throws Exception {
        sent("Rendered", "<p>Grüße, {{name}}!</p><p><a href=\"https://shop.example/sale\">Sale</a></p>", "dora@" + domain);
        OutboxMessage m = only(new OutboxSearch("dora@", null, null));

        String view = page("/outbox/" + m.id());
        assertThat(view).contains("id=\"message-headers\"").contains(">Subject<").contains("Grüße from Rendered")
                .contains(">From<").contains("news@" + domain).contains(">DKIM-Signature<");
        assertThat(view).containsPattern("<pre id=\"message-text\"[^>]*>[^<]*Grüße, Jürgen Müller!");
        assertThat(view).contains("id=\"raw-message\"").contains("Content-Transfer-Encoding");
        Matcher frame = Pattern.compile("<iframe[^>]*id=\"message-html\"[^>]*>").matcher(view);
        assertThat(frame.find()).isTrue();
        assertThat(frame.group()).contains("sandbox=\"\"").doesNotContain("allow-scripts")
                .contains("src=\"/outbox/" + m.id() + "/preview.html\"");

        MockHttpServletResponse html = mvc.perform(get("/outbox/" + m.id() + "/preview.html").session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(html.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(html.getHeader("Content-Security-Policy")).isEqualTo(OutboxPages.MESSAGE_CSP)
                .startsWith("sandbox;").contains("default-src 'none'").doesNotContain("script-src");
        assertThat(html.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        String body = html.getContentAsString();
        assertThat(body).contains("Grüße, Jürgen Müller!").contains("/t/c/").contains("charset=\"UTF-8\"")
                .doesNotContain("/t/o/"); // the open pixel is left out: looking is not an open
    }

    @Test
    void aTextOnlyMessageHasNoFrameAndItsHtmlAddressIsNotFound() throws Exception {
        outbox.send(new TransactionalMail.Message(client.client().id(), "test", "Shop", "erik@" + domain, "Plain",
                "Only text, ünïcödé.", null));
        OutboxMessage m = only(new OutboxSearch("erik@", null, null));
        String view = page("/outbox/" + m.id());
        assertThat(view).contains("id=\"no-html\"").doesNotContain("<iframe").contains("Only text, ünïcödé.");
        mvc.perform(get("/outbox/" + m.id() + "/preview.html").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void anotherClientsMessageIsNotFound() throws Exception {
        CreatedClient other = Fixtures.client(clients, "Outbox Neighbour");
        outbox.send(new TransactionalMail.Message(other.client().id(), "test", "Neighbour", "fritz@neighbour.de", "Theirs",
                "Not yours", "<p>Not yours</p>"));
        UUID theirs = outbox.search(Fixtures.admin(other), OutboxSearch.ANY, null, 50).items().get(0).id();

        mvc.perform(get("/outbox/" + theirs).session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/outbox/" + theirs + "/preview.html").session(session)).andExpect(status().isNotFound());
        assertThat(table("/outbox?recipient=fritz")).doesNotContain("fritz@neighbour.de").contains("No message matches.");
    }

    @Test
    void aClientAdminReadsItsFormsConfirmationsWithTheLinkWithheld() throws Exception {
        String link = "http://localhost:8080/s/confirm/secret-token_123.abc";
        outbox.send(new TransactionalMail.Message(null, "confirmation", "Outbox Browser", "gina@" + domain,
                "Please confirm your subscription to News", "Hello,\n\nplease confirm:\n\n" + link + "\n\nThanks", null,
                client.client().id()));
        CreatedClient other = Fixtures.client(clients, "Other Forms");
        outbox.send(new TransactionalMail.Message(null, "confirmation", "Other Forms", "hans@" + domain,
                "Please confirm your subscription to Theirs", "Confirm: " + link, null, other.client().id()));

        String confirmations = table("/outbox?kind=confirmation");
        assertThat(confirmations).contains("gina@" + domain).doesNotContain("hans@" + domain);
        OutboxMessage mine = only(new OutboxSearch(null, null, "confirmation"));
        String view = page("/outbox/" + mine.id());
        assertThat(view).contains("id=\"link-withheld\"").contains("/s/confirm/(link withheld)")
                .doesNotContain("secret-token").doesNotContain("id=\"raw-message\"");

        UUID theirs = outbox.search(Fixtures.admin(other), new OutboxSearch(null, null, "confirmation"), null, 50)
                .items().get(0).id();
        mvc.perform(get("/outbox/" + theirs).session(session)).andExpect(status().isNotFound());
        // Other roles of the client, and the API, never see platform-held mail.
        Actor marketer = Fixtures.withRole(client, Role.MARKETER);
        assertThat(outbox.search(marketer, OutboxSearch.ANY, null, 50).items()).isEmpty();
        assertThatThrownBy(() -> outbox.view(marketer, mine.id())).isInstanceOf(NotFoundException.class);
        assertThat(outbox.page(admin, null, 50).items()).isEmpty();
        assertThatThrownBy(() -> outbox.get(admin, mine.id())).isInstanceOf(NotFoundException.class);
        // The operator reads it whole.
        assertThat(outbox.view(Fixtures.operator(), mine.id()).raw()).contains("secret-token_123.abc");
    }

    @Test
    void aConfirmationFromTheClientsOwnFormShowsInItsOutboxWithoutItsLink() throws Exception {
        var list = lists.create(admin, new Lists.ListInput("Double", null, "double"));
        var form = forms.save(admin, list.id(), new SubscriptionForms.Settings(true, null, "News.", List.of(),
                "Yes, send me the news."));
        mvc.perform(post("/s/subscribe/" + form.id()).param("email", "ida@" + domain).param("name", "Ida"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !outbox.search(admin, new OutboxSearch("ida@", null, null), null, 5)
                .items().isEmpty());
        OutboxMessage confirmation = only(new OutboxSearch("ida@", null, "confirmation"));
        String raw = outbox.view(Fixtures.operator(), confirmation.id()).raw().replace("=\r\n", "");
        Matcher link = Pattern.compile("/s/confirm/([^\\s]+)").matcher(raw);
        assertThat(link.find()).isTrue();

        String view = page("/outbox/" + confirmation.id());
        assertThat(view).contains("Please confirm your subscription to Double").contains("/s/confirm/(link withheld)")
                .doesNotContain(link.group(1)).doesNotContain("id=\"raw-message\"");
    }
}
