package org.optline.site.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;

/**
 * The contact and abuse forms in a browser, at 1400 and 390 px, under the strict CSP: a refused
 * form shows each field's message with what was typed, a corrected one is thanked with a
 * reference; the operator finds the lead and the report in the console.
 */
class BrowserSiteFormsTest extends BrowserTest {

    @Test
    void aVisitorCorrectsAndSendsBothFormsAndTheOperatorFindsThem() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        List<String> problems = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/contact"));
            problems.addAll(problemsOn("/contact", width));
            browser.findElement(By.id("contact-name")).sendKeys("Mia " + width);
            browser.findElement(By.id("contact-email")).sendKeys("mia at shop");
            browser.findElement(By.id("contact-message")).sendKeys("A newsletter for 3,000 readers");
            browser.findElement(By.id("contact-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contact-error")));
            assertThat(browser.findElement(By.id("contact-email-error")).getText()).isEqualTo("Email is not an email address.");
            assertThat(browser.findElement(By.id("contact-company-error")).getText()).isEqualTo("Company is required.");
            assertThat(browser.findElement(By.id("contact-consent-error")).getText()).contains("Please agree");
            assertThat(browser.findElements(By.id("contact-name-error"))).isEmpty();
            assertThat(browser.findElement(By.id("contact-name")).getDomProperty("value")).isEqualTo("Mia " + width);
            assertThat(browser.findElement(By.id("contact-message")).getDomProperty("value"))
                    .isEqualTo("A newsletter for 3,000 readers");
            problems.addAll(problemsOn("/contact (refused)", width));
            browser.findElement(By.id("contact-email")).clear();
            browser.findElement(By.id("contact-email")).sendKeys("mia@shop.example.org");
            browser.findElement(By.id("contact-company")).sendKeys("Mia's Shop");
            browser.findElement(By.id("contact-consent")).click();
            browser.findElement(By.id("contact-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contact-reference")));
            references.add(browser.findElement(By.id("contact-reference")).getText());
            problems.addAll(problemsOn("/contact (sent)", width));

            browser.get(url("/abuse"));
            problems.addAll(problemsOn("/abuse", width));
            browser.findElement(By.id("abuse-email")).sendKeys("not an address");
            browser.findElement(By.id("abuse-pasted")).sendKeys("From: someone@spam.example\nSubject: You won a prize "
                    + "x".repeat(300) + "\n\nClaim it now");
            browser.findElement(By.id("abuse-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("abuse-error")));
            assertThat(browser.findElement(By.id("abuse-email-error")).getText())
                    .isEqualTo("Your email is not an email address.");
            assertThat(browser.findElement(By.id("abuse-pasted")).getDomProperty("value")).contains("Claim it now");
            problems.addAll(problemsOn("/abuse (refused)", width));
            browser.findElement(By.id("abuse-email")).clear();
            browser.findElement(By.id("abuse-email")).sendKeys("reporter@home.example.org");
            browser.findElement(By.id("abuse-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("abuse-reference")));
            assertThat(browser.findElement(By.id("abuse-unmatched")).getText()).contains("could not tell");
            references.add(browser.findElement(By.id("abuse-reference")).getText());
            problems.addAll(problemsOn("/abuse (sent)", width));
        }
        assertThat(references).hasSize(4).allMatch(r -> r.matches("[LR]-[0-9A-Z]{8}"));

        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/operator"));
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/operator/leads"));
            assertThat(browser.findElement(By.id("leads")).getText()).contains(references.get(0), references.get(2));
            problems.addAll(problemsOn("/operator/leads", width));
            browser.findElement(By.linkText(references.get(0))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-summary")));
            problems.addAll(problemsOn("/operator/leads/{id}", width));
            browser.get(url("/operator/site-reports"));
            assertThat(browser.findElement(By.id("site-reports")).getText()).contains(references.get(1), references.get(3));
            problems.addAll(problemsOn("/operator/site-reports", width));
            browser.findElement(By.linkText(references.get(1))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-pasted")));
            problems.addAll(problemsOn("/operator/site-reports/{id}", width));
        }
        browser.get(url("/operator/leads"));
        browser.findElement(By.linkText(references.get(0))).click();
        browser.findElement(By.id("lead-answer-note")).sendKeys("Mailed a quote");
        browser.findElement(By.id("lead-answer-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-notice")));
        assertThat(browser.findElement(By.id("lead-status")).getText()).startsWith("answered by");
        browser.manage().deleteAllCookies();
        // A refused form answers 400 by design, which Chromium logs; anything else is a problem.
        assertThat(problems).filteredOn(p -> !p.matches("/(contact|abuse) \\(refused\\) at \\d+ px logged: \\S+/(contact|abuse)"
                + " - Failed to load resource: the server responded with a status of 400 \\(\\)")).isEmpty();
        assertThat(problems).hasSizeLessThanOrEqualTo(4);
    }
}
