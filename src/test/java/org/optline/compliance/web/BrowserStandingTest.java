package org.optline.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.StandingLevel;
import org.optline.delivery.MessagesSettled;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The standing pages in a browser, at 1400 and 390 px, under the strict CSP: a client past the
 * warning line sees the notice on its dashboard and follows it to its standing with the reason;
 * the operator finds the alert and the client's figures.
 */
class BrowserStandingTest extends BrowserTest {

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired ClientStandings standings;
    @Autowired ApplicationEventPublisher events;
    @Autowired TenantScope scope;

    @Test
    void aFlaggedClientSeesWhyAndTheOperatorFindsIt() {
        CreatedClient client = Fixtures.client(clients, "Standing browser");
        UUID clientId = client.client().id();
        Actor admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("News", null, "single"));
        UUID leaver = subscribers.save(admin, new SubscriberInput("leaver@standing-browser.test", "Lea", Map.of(),
                List.of(list.id()), null), false).subscriber().id();
        Campaign campaign = campaigns.create(admin, new Campaigns.CampaignInput("Autumn " + "x".repeat(80), "Hello", null, "Shop",
                "news@standing-browser.test", null, "<p>Hi</p>", null, null, null, List.of(list.id())));
        // 1,200 messages and two complaints: 0.17 %, past the 0.1 % warning line, under the 0.3 % pause line.
        List<MessagesSettled.Recipient> delivered = IntStream.range(0, 1200)
                .mapToObj(i -> new MessagesSettled.Recipient(UUID.randomUUID(), "p" + i + "@x.test", null)).toList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        scope.inClient(clientId, () -> events.publishEvent(new MessagesSettled(clientId, campaign.id(), now, delivered, List.of())));
        for (int i = 0; i < 2; i++) {
            MessagesSettled.Recipient r = delivered.get(i);
            scope.inClient(clientId, () -> events.publishEvent(new ComplaintReceived(clientId, campaign.id(), r.subscriberId(),
                    r.email(), "abuse", "Test/1.0", now)));
        }
        // And one message that reached someone after they left.
        subscribers.unsubscribe(clientId, leaver, new ConsentSource(ConsentChannel.UNSUBSCRIBE, null, null, null, null));
        scope.inClient(clientId, () -> events.publishEvent(new MessagesSettled(clientId, campaign.id(), now.plusMinutes(1),
                List.of(new MessagesSettled.Recipient(leaver, "leaver@standing-browser.test", null)), List.of())));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> standings.lastLevel(clientId) == StandingLevel.WARN);

        logIn(client.admin().email(), client.generatedAdminPassword());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/dashboard"));
            assertThat(browser.findElement(By.id("standing-notice")).getText()).contains("past its warning line");
            // The dashboard itself says where the account stands and why.
            assertThat(browser.findElement(By.id("dashboard-standing-level")).getText()).isEqualTo("warn");
            assertThat(browser.findElement(By.id("dashboard-standing")).getText())
                    .contains("Complaint rate 0.167 % is at or above the warning line of 0.1 %.");
            problems.addAll(problemsOn("/dashboard", width));
            browser.findElement(By.cssSelector("#standing-notice a")).click();
            wait.until(ExpectedConditions.urlContains("/standing"));
            assertThat(browser.findElement(By.id("standing-level")).getText()).isEqualTo("warn");
            assertThat(browser.findElement(By.id("standing-reasons")).getText())
                    .contains("Complaint rate 0.167 % is at or above the warning line of 0.1 %.");
            assertThat(browser.findElement(By.id("standing-sent")).getText()).isEqualTo("1201");
            assertThat(browser.findElement(By.id("standing-latency")).getText()).contains("Messages that reached people after they unsubscribed: 1 (to 1 people)");
            assertThat(browser.findElement(By.id("standing-campaigns")).getText()).contains("Autumn");
            assertThat(browser.findElement(By.id("standing-alerts")).getText()).contains("message after unsubscribe");
            problems.addAll(problemsOn("/standing", width));
        }
        browser.manage().deleteAllCookies();

        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/operator/clients"));
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/operator/standing"));
            assertThat(browser.findElement(By.id("standing-alerts")).getText()).contains("client warn", "message after unsubscribe");
            problems.addAll(problemsOn("/operator/standing", width));
            browser.findElement(By.cssSelector("#standing-alerts a[href='/operator/standing/" + clientId + "']")).click();
            wait.until(ExpectedConditions.urlContains("/operator/standing/" + clientId));
            assertThat(browser.findElement(By.id("standing-level")).getText()).isEqualTo("warn");
            assertThat(browser.findElement(By.id("standing-status")).getText()).isEqualTo("active");
            problems.addAll(problemsOn("/operator/standing/{id}", width));
        }
        assertThat(problems).isEmpty();
    }
}
