package org.optline.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reports list at {@code /reports} (in the navigation, an empty state that leads to the
 * campaigns, a line per campaign that went out linking to its report) and the open and click rates
 * on the campaign list.
 */
@OptlineTest
class ReportsPageTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired List<TrackedEventsListener> listeners;
    @Autowired TenantScope scope;

    @Test
    void withNothingSentTheReportsPageSaysWhatToDoAndLinksToTheCampaigns() throws Exception {
        CreatedClient client = Fixtures.client(clients, "No Reports Yet");
        Document page = page(logIn(client), "/reports");
        assertThat(page.title()).isEqualTo("Reports — Optline");
        assertThat(page.select("#main-nav a[href=/reports]")).as("in the navigation").isNotEmpty();
        Element empty = page.getElementById("reports-empty");
        assertThat(empty).isNotNull();
        assertThat(empty.text()).contains("No campaign has gone out yet");
        assertThat(empty.select("a[href=/campaigns]")).isNotEmpty();
        assertThat(page.getElementById("reports-table")).isNull();
    }

    @Test
    void aSentCampaignIsListedWithItsFiguresAndLinksToItsReportAndTheCampaignListShowsItsRates() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Reports Page Co");
        Actor admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        String domain = Fixtures.domain("reports-page.de");
        domains.add(admin, domain);
        UUID ann = subscribers.save(admin, new SubscriberInput("ann@" + domain, "Ann", Map.of(), List.of(list.id()), null), false)
                .subscriber().id();
        subscribers.save(admin, new SubscriberInput("bob@" + domain, "Bob", Map.of(), List.of(list.id()), null), false);
        Campaign sent = campaigns.create(admin, new Campaigns.CampaignInput("Spring sale", "Hello", null, "Shop", "news@" + domain,
                null, "<p><a href=\"https://shop.example/a\">A</a></p>", null, null, null, List.of(list.id())));
        Campaign draft = campaigns.create(admin, new Campaigns.CampaignInput("Still a draft", "Hello", null, "Shop",
                "news@" + domain, null, "<p>x</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, sent.id(), null);
        worker.runOnce();
        // Ann opens and clicks; a scanner's click on Bob's message counts for nobody.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<TrackedEvent> events = List.of(
                new TrackedEvent(UUID.randomUUID(), client.client().id(), sent.id(), ann, TrackedEvent.Kind.OPEN, -1, at,
                        TrackedEvent.Source.HUMAN, "human", "other"),
                new TrackedEvent(UUID.randomUUID(), client.client().id(), sent.id(), ann, TrackedEvent.Kind.CLICK, 0, at.plusSeconds(1),
                        TrackedEvent.Source.HUMAN, "human", "other"),
                new TrackedEvent(UUID.randomUUID(), client.client().id(), sent.id(), null, TrackedEvent.Kind.CLICK, 0, at,
                        TrackedEvent.Source.SECURITY_SCANNER, "scanner-agent", "other"));
        scope.asPlatform(() -> listeners.forEach(l -> l.stored(events)));

        MockHttpSession session = logIn(client);
        Document reports = page(session, "/reports");
        assertThat(reports.getElementById("reports-empty")).isNull();
        assertThat(reports.select("#reports-table tr.report-line")).as("the draft is not listed").singleElement().satisfies(row -> {
            assertThat(row.selectFirst("a.report-link").attr("href")).isEqualTo("/campaigns/" + sent.id() + "/report");
            assertThat(row.selectFirst("a.report-link").text()).isEqualTo("Spring sale");
            assertThat(row.selectFirst(".sent-at").text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
            assertThat(row.selectFirst(".recipients").text()).isEqualTo("2");
            assertThat(row.selectFirst(".delivered").text()).isEqualTo("2");
            assertThat(row.selectFirst(".open-rate").text()).isEqualTo("50.0 %");
            assertThat(row.selectFirst(".click-rate").text()).isEqualTo("50.0 %");
            assertThat(row.selectFirst(".unsubscribes").text()).isEqualTo("0");
        });

        Document campaignList = page(session, "/campaigns");
        Element sentRow = campaignList.selectFirst("#campaigns-table a[href=/campaigns/" + sent.id() + "]").closest("tr");
        assertThat(sentRow.selectFirst(".open-rate").text()).isEqualTo("50.0 %");
        assertThat(sentRow.selectFirst(".click-rate").text()).isEqualTo("50.0 %");
        Element draftRow = campaignList.selectFirst("#campaigns-table a[href=/campaigns/" + draft.id() + "]").closest("tr");
        assertThat(draftRow.selectFirst(".open-rate").text()).as("nothing delivered yet").isEqualTo("–");
        assertThat(campaignList.select("#campaigns-table th").eachText()).contains("Open rate", "Click rate");
    }

    private MockHttpSession logIn(CreatedClient client) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(client.admin().email())
                .password(client.generatedAdminPassword())).andReturn().getRequest().getSession(false);
    }

    private Document page(MockHttpSession session, String path) throws Exception {
        String html = mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
        return Jsoup.parse(html);
    }
}
