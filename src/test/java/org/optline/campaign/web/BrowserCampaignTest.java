package org.optline.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.delivery.Outbox;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** Write a campaign, see the checklist and the sandboxed preview, send a test, then send it for real. */
class BrowserCampaignTest extends BrowserTest {


    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Outbox outbox;
    @Autowired DeliveryWorker worker;
    @Autowired SendingDomains domains;



    @Test
    void writePreviewTestAndSend() {
        var client = Fixtures.client(clients, "Browser Bistro");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Regulars", null, "single"));
        domains.add(admin, "bistro.de");
        subscribers.save(admin, new SubscriberInput("guest1@bistro.de", "Greta", Map.of(), List.of(list.id()), null), false);
        subscribers.save(admin, new SubscriberInput("guest2@bistro.de", "Hans", Map.of(), List.of(list.id()), null), false);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(browser.findElement(By.id("dashboard-title")).getText()).isEqualTo("Browser Bistro");

        browser.get(url("/campaigns/test-recipients"));
        browser.findElement(By.id("test-recipient-email")).sendKeys("chef@bistro.de");
        browser.findElement(By.id("allow-test-recipient")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-recipients-table"), "chef@bistro.de"));

        browser.get(url("/campaigns/new"));
        browser.findElement(By.id("c-name")).sendKeys("Winter menu");
        browser.findElement(By.id("c-subject")).sendKeys("New dishes for {{name|you}}");
        browser.findElement(By.id("c-from-name")).sendKeys("Bistro");
        browser.findElement(By.id("c-from-email")).sendKeys("news@bistro.de");
        browser.findElement(By.id("list-Regulars")).click();
        browser.findElement(By.id("c-html")).clear();
        browser.findElement(By.id("c-html")).sendKeys("<h1>Winter menu</h1><p>Dear {{name|guest}}, soup is back.</p>");
        browser.findElement(By.id("save-campaign")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checks")));
        assertThat(browser.findElement(By.id("checks")).getText()).contains("2 subscriber(s)").doesNotContain("✗");
        browser.switchTo().frame(browser.findElement(By.id("preview")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Winter menu").contains("Dear Sam Sample")
                .contains("Unsubscribe");
        browser.switchTo().defaultContent();

        browser.findElement(By.id("test-emails")).sendKeys("chef@bistro.de");
        browser.findElement(By.id("send-test")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-notice"), "Sent 1 test message"));

        browser.findElement(By.id("send-now")).click();
        assertThat(browser.findElement(By.id("send-count")).getText()).contains("to 2 subscriber(s)");
        browser.findElement(By.id("confirm-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-status"), "sending"));
        worker.runOnce();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-status"), "sent"));
        assertThat(outbox.page(admin, null, 50).items()).extracting(m -> m.recipient())
                .contains("guest1@bistro.de", "guest2@bistro.de", "chef@bistro.de");
    }
}
