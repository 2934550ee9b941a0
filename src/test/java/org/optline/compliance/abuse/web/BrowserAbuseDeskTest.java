package org.optline.compliance.abuse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.campaign.Campaigns;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.AbuseCases;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The abuse desk in a real browser at phone (390 px) and desktop (1400 px) width: the case list
 * and a case page fit without sideways scroll or console errors; the case page shows the imported
 * subscriber's attestation and file hash; the operator resolves the case as "client warned" with
 * the form, and the client's Complaints page shows the warning but not the report.
 */
class BrowserAbuseDeskTest extends BrowserTest {

    private static final List<Integer> WIDTHS = List.of(1400, 390);

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Imports imports;
    @Autowired Campaigns campaigns;
    @Autowired AbuseCases cases;

    @Test
    void theCaseListAndACasePageFitBothWidthsAndTheWarningReachesTheClient() {
        var client = Fixtures.client(clients, "Browser Blumen");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Kunden", null, "single"));
        var upload = imports.upload(admin, list.id(), "messe-2026.csv", new ByteArrayInputStream(
                "email,name\nein-recht-langer-name-zum-umbrechen@blumen-und-pflanzen-versand.example,Rosa\n"
                        .getBytes(StandardCharsets.UTF_8)));
        imports.start(admin, upload.id(), null, "Auf der Gartenmesse 2026 am Stand auf Papier eingetragen");
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(admin, upload.id()).finished());
        String hash = imports.get(admin, upload.id()).fileSha256();
        var campaign = campaigns.create(admin, new Campaigns.CampaignInput("Frühlingsangebot", "Blumen", null, "Blumen",
                "news@blumen.example", null, "<p>Hallo</p>", null, null, null, List.of(list.id())));
        AbuseCase kase = cases.report(Fixtures.operator(), new AbuseCases.OperatorReport(client.client().id(), campaign.id(),
                "ein-recht-langer-name-zum-umbrechen@blumen-und-pflanzen-versand.example", "abuse",
                "Forwarded by the recipient: " + "unbroken-".repeat(40) + "\nI never signed up for this."));

        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/operator"));
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/operator/abuse-cases?clientId=" + client.client().id()));
            assertThat(browser.findElement(By.id("abuse-cases")).getText()).contains("Browser Blumen", "Frühlingsangebot", "medium");
            problems.addAll(problemsOn("case list", width));
            browser.get(url("/operator/abuse-cases/" + kase.id()));
            assertThat(browser.findElement(By.id("case-state")).getText()).isEqualTo("open");
            assertThat(browser.findElement(By.tagName("body")).getText())
                    .contains("Auf der Gartenmesse 2026 am Stand auf Papier eingetragen", hash, "I never signed up for this.")
                    .contains("Client standing");
            assertThat(browser.findElement(By.id("standing-level")).getText()).isNotBlank();
            problems.addAll(problemsOn("case page", width));
        }
        assertThat(problems).isEmpty();

        browser.get(url("/operator/abuse-cases/" + kase.id()));
        new Select(browser.findElement(By.id("next-state"))).selectByValue("resolved");
        new Select(browser.findElement(By.id("resolution"))).selectByValue("client_warned");
        browser.findElement(By.id("state-note")).sendKeys("Please check how the fair's paper forms were typed in.");
        browser.findElement(By.id("move-case")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-notice")));
        assertThat(browser.findElement(By.id("case-state")).getText()).isEqualTo("resolved: client warned");
        assertThat(browser.findElement(By.id("case-history")).getText()).contains("open → resolved (client warned)");

        browser.manage().deleteAllCookies();
        logIn(client.admin().email(), client.generatedAdminPassword());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
        for (int width : WIDTHS) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/complaints"));
            String table = browser.findElement(By.id("complaints-table")).getText();
            assertThat(table).contains("Frühlingsangebot", "resolved", "Please check how the fair's paper forms were typed in.");
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("never signed up", "unbroken-");
            problems.addAll(problemsOn("complaints", width));
        }
        assertThat(problems).isEmpty();
    }
}
