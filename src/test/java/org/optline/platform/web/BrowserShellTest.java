package org.optline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;

/**
 * The foundation's "done when", in a real headless Chromium: the operator logs in, creates a
 * client, the client's admin logs in with the password shown once, creates an API key and calls
 * the API with it. Skipped, with a message, where Debian's chromium and chromium-driver are not
 * installed ({@code .ci/run} installs them and fails if this was skipped).
 */
class BrowserShellTest extends BrowserTest {







    @Test
    void operatorCreatesAClientWhoseAdminCreatesAKeyAndCallsTheApi() throws Exception {
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/operator/clients"));
        assertThat(browser.findElement(By.id("main-nav")).getText()).contains("Clients", "Audit log");

        browser.findElement(By.id("new-client")).click();
        browser.findElement(By.id("name")).sendKeys("Browser Bakery");
        browser.findElement(By.id("postalAddress")).sendKeys("2 Flour Lane, Breadville");
        browser.findElement(By.id("adminEmail")).sendKeys("owner@bakery.test");
        browser.findElement(By.id("create-client")).click();
        String adminPassword = browser.findElement(By.id("admin-password")).getText();
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.findElement(By.id("admin-api-key")).getText()).startsWith("opl_");
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?logout"));

        logIn("owner@bakery.test", adminPassword);
        assertThat(browser.findElement(By.id("dashboard-title")).getText()).isEqualTo("Browser Bakery");
        assertThat(browser.findElement(By.id("client-status")).getText()).isEqualTo("active");

        browser.get(url("/settings/api-keys"));
        browser.findElement(By.id("key-name")).sendKeys("Newsletter sync");
        browser.findElement(By.id("create-key")).click();
        String key = browser.findElement(By.id("new-key")).getText();
        assertThat(key).startsWith("opl_");
        browser.findElement(By.id("copy-new-key")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.attributeToBeNotEmpty(
                browser.findElement(By.id("copy-new-key")), "data-copy-state"));
        assertThat(browser.findElement(By.id("keys")).getText()).contains("Newsletter sync", key.substring(0, 12));

        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/api-keys")))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("Newsletter sync").doesNotContain(key);
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("OPTLINE_SESSION=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void aWrongPasswordShowsAReadableMessage() {
        logIn(Fixtures.OPERATOR_EMAIL, "not the password at all");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("email or password is wrong");
    }
}
