package org.optline.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.springframework.beans.factory.annotation.Autowired;

/** The report page of a sent campaign draws its charts under the strict CSP, at phone and desktop widths. */
class BrowserReportTest extends BrowserTest {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;
    @Autowired List<TrackedEventsListener> listeners;
    @Autowired TenantScope scope;

    @Test
    void reportPageDrawsItsChartsWithoutSidewaysScroll() {
        var client = Fixtures.client(clients, "Chart House");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Readers", null, "single"));
        String domain = Fixtures.domain("charthouse.de");
        domains.add(admin, domain);
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(subscribers.save(admin, new SubscriberInput("reader" + i + "@charthouse.de", null, Map.of(),
                    List.of(list.id()), null), false).subscriber().id());
        }
        var campaign = campaigns.create(admin, new Campaigns.CampaignInput("Chart news", "Hello", null, "House", "news@" + domain,
                null, "<p><a href=\"https://charthouse.example/a-very-long-path/that/might/push/the/page/sideways/on/a/phone"
                        + "/if/it/were/not/broken/anywhere\">Read</a></p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, campaign.id(), null);
        worker.runOnce();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(30);
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            events.add(new TrackedEvent(UUID.randomUUID(), client.client().id(), campaign.id(), people.get(i), TrackedEvent.Kind.OPEN,
                    -1, start.plusHours(i * 3L).toInstant(), TrackedEvent.Source.HUMAN, "human", "google"));
            events.add(new TrackedEvent(UUID.randomUUID(), client.client().id(), campaign.id(), people.get(i), TrackedEvent.Kind.CLICK,
                    0, start.plusHours(i * 3L + 1).toInstant(), TrackedEvent.Source.HUMAN, "human", "other"));
        }
        scope.asPlatform(() -> listeners.forEach(l -> l.stored(events)));

        logIn(client.admin().email(), client.generatedAdminPassword());
        browser.findElement(By.id("dashboard-title"));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        for (int width : new int[] {1400, 390}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.navigate().refresh();
            wait.until(b -> drawn("growth-chart") && drawn("campaigns-chart"));
            assertThat(browser.findElement(By.id("last-campaigns")).getText()).contains("Chart news").contains("100.0 %");
            assertThat(sideways()).as("dashboard at " + width + " px").isEqualTo(false);
        }
        browser.get(url("/campaigns/" + campaign.id()));
        browser.findElement(By.id("campaign-report-link")).click();
        for (int width : new int[] {1400, 390}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.navigate().refresh();
            wait.until(b -> drawn("hourly-chart"));
            assertThat(browser.findElement(By.id("report-title")).getText()).isEqualTo("Chart news");
            assertThat(browser.findElement(By.cssSelector("[data-figure=uniqueOpens]")).getText()).isEqualTo("5");
            assertThat(browser.findElement(By.id("links-table")).getText()).contains("charthouse.example");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            Object sideways = js.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            Object wide = js.executeScript("var w = document.documentElement.clientWidth, out = [];"
                    + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                    + " if (r.right > w + 1) { out.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right)); } });"
                    + "return out.slice(0, 8).join(' | ') + ' of ' + w + ' / ' + document.documentElement.scrollWidth;");
            assertThat(sideways).as("sideways scroll at " + width + " px: " + wide).isEqualTo(false);
        }
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertThat(refused).isEmpty();
    }

    private Object sideways() {
        return ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    }

    /** Whether the canvas exists, has a size, and holds painted pixels. */
    private boolean drawn(String id) {
        Object painted = ((JavascriptExecutor) browser).executeScript("""
                var c = document.getElementById(arguments[0]);
                if (!c || c.width === 0 || c.height === 0) { return false; }
                var data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (var i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }
                return false;""", id);
        return Boolean.TRUE.equals(painted);
    }
}
