package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The webhooks page in a real browser, under the application's Content-Security-Policy: a client
 * admin adds an endpoint, sees its secret once with a working copy button (a script from the
 * application's own origin), sends a test event and finds its attempt in the delivery log, then
 * deletes the endpoint; the pages fit a 390 px phone and a 1400 px screen without sideways scroll.
 */
class BrowserWebhooksTest extends BrowserTest {

    @Autowired Clients clients;
    @Autowired WebhookDispatcher dispatcher;

    @Test
    void anAdminAddsAnEndpointCopiesItsSecretTestsItAndReadsTheLog() {
        var client = Fixtures.client(clients, "Browser Hooks");
        logIn(client.admin().email(), client.generatedAdminPassword());
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-title")));
        assertThat(browser.findElement(By.id("main-nav")).getText()).contains("Webhooks");

        browser.get(url("/settings/webhooks"));
        // A host under .invalid never resolves: the attempt fails at once and is logged for a retry.
        browser.findElement(By.id("endpoint-url")).sendKeys("https://crm.browser-hooks.invalid/optline/events/with/a/rather/long/path");
        browser.findElement(By.id("event-opened")).click();
        browser.findElement(By.id("event-subscribed")).click();
        browser.findElement(By.id("create-endpoint")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-secret")));
        assertThat(browser.findElement(By.id("new-secret")).getText()).startsWith("whsec_");
        var copy = browser.findElement(By.id("copy-secret"));
        wait.until(ExpectedConditions.visibilityOf(copy));
        copy.click();
        wait.until(d -> !copy.getText().equals("Copy"));
        assertThat(browser.findElement(By.id("endpoints")).getText()).contains("crm.browser-hooks.invalid", "opened, subscribed");
        fitsWithoutSidewaysScroll();

        browser.get(url("/settings/webhooks"));
        assertThat(browser.findElements(By.id("new-secret"))).as("the secret is shown once").isEmpty();
        browser.findElement(By.linkText("https://crm.browser-hooks.invalid/optline/events/with/a/rather/long/path")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("send-test")));
        browser.findElement(By.id("send-test")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("webhook-notice")));
        dispatcher.runOnce();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), "retrying"));
        assertThat(browser.findElement(By.id("deliveries")).getText()).contains("test", "could not connect");
        fitsWithoutSidewaysScroll();

        browser.findElement(By.id("delete-endpoint")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoints"), "No endpoints yet."));
    }

    /** The page as it is, at a phone's width and at a desktop's: nothing wider than the window. */
    private void fitsWithoutSidewaysScroll() {
        for (int width : new int[] {390, 1400}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object wide = ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right"
                    + " > document.documentElement.clientWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ');");
            assertThat(((Number) overflow).intValue()).as("sideways overflow at " + width + " px of " + browser.getCurrentUrl()
                            + ", by " + wide)
                    .isLessThanOrEqualTo(0);
        }
    }
}
