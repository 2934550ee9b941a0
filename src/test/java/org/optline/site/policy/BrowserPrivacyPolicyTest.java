package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The policy in a browser, at 1400 and 390 px, under the strict CSP: the home page's notice of a
 * new version leads to what changed, marked in words; the policy in force shows its number; the
 * operator's form refuses a text that changes nothing, keeping what was typed, then publishes.
 */
class BrowserPrivacyPolicyTest extends BrowserTest {

    @Autowired PrivacyPolicies policies;

    @Test
    void aVisitorFollowsTheNoticeToTheChangesAndTheOperatorPublishes() {
        String base = policies.current().text();
        // A long unbroken line must wrap in the diff and the policy, not widen the page.
        PolicyVersion v = policies.publish(Fixtures.operator(), base.replace("## Security", "## Keeping your data safe")
                + "\n\nReference: " + "x".repeat(300) + "\n", true, "We describe security in plainer words");
        List<String> problems = new ArrayList<>();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/"));
            WebElement notice = browser.findElement(By.id("policy-notice"));
            assertThat(notice.getText()).contains("Our privacy policy changed on " + PolicyView.day(v.publishedAt()),
                    "We describe security in plainer words", "see what changed");
            assertThat(browser.findElement(By.id("permission-statement")).getText()).contains("Bought, rented or scraped lists");
            problems.addAll(problemsOn("/", width));

            browser.findElement(By.id("policy-notice-link")).click();
            wait.until(ExpectedConditions.urlContains("/privacy/versions#version-" + v.version()));
            WebElement article = browser.findElement(By.id("version-" + v.version()));
            assertThat(article.getText()).contains("Material change", "We describe security in plainer words");
            assertThat(article.findElement(By.cssSelector(".diff-added ins")).getText()).contains("Keeping your data safe");
            assertThat(article.findElement(By.cssSelector(".diff-removed del")).getText()).contains("## Security");
            // Screen readers hear the change in words; sighted readers see the mark as well as the colour.
            assertThat(article.findElement(By.cssSelector(".diff-added .visually-hidden")).getAttribute("textContent"))
                    .isEqualTo("Added: ");
            assertThat(article.findElement(By.cssSelector(".diff-removed .diff-mark")).getText()).isEqualTo("−");
            problems.addAll(problemsOn("/privacy/versions", width));

            browser.get(url("/privacy"));
            assertThat(browser.findElement(By.id("policy-version")).getText()).isEqualTo(String.valueOf(v.version()));
            assertThat(browser.findElement(By.id("policy-title")).getText()).isEqualTo("Privacy policy");
            assertThat(browser.findElement(By.id("policy-text")).getText()).contains("Keeping your data safe", "90 days");
            problems.addAll(problemsOn("/privacy", width));

            browser.get(url("/privacy/versions/1"));
            assertThat(browser.findElement(By.id("policy-meta")).getText()).contains("no longer in force");
            problems.addAll(problemsOn("/privacy/versions/1", width));
        }

        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/operator/clients"));
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            int next = policies.current().version() + 1;
            browser.get(url("/operator/policies"));
            assertThat(browser.findElement(By.id("policy-text")).getAttribute("value")).isEqualTo(policies.current().text());
            assertThat(browser.findElement(By.id("policy-versions")).getText()).contains("We describe security in plainer words");
            problems.addAll(problemsOn("/operator/policies", width));

            // Unchanged text: refused, with the summary and the box as typed.
            browser.findElement(By.id("policy-summary")).sendKeys("Typed at " + width);
            browser.findElement(By.id("policy-material")).click();
            browser.findElement(By.id("publish-policy")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-error")));
            assertThat(browser.findElement(By.id("policy-error")).getText())
                    .isEqualTo("Policy text is the same as the current version's.");
            assertThat(browser.findElement(By.id("policy-summary")).getAttribute("value")).isEqualTo("Typed at " + width);
            assertThat(browser.findElement(By.id("policy-material")).isSelected()).isTrue();
            // The refusal is the page's own 422; anything else logged still counts.
            problems.addAll(problemsOn("/operator/policies (refused)", width).stream()
                    .filter(p -> !p.contains("Failed to load resource: the server responded with a status of 422")).toList());

            browser.findElement(By.id("policy-text")).sendKeys("\n\nA sentence added at " + width + " px.");
            browser.findElement(By.id("publish-policy")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-published")));
            assertThat(browser.getCurrentUrl()).endsWith("/operator/policies?published=" + next);
            assertThat(policies.current().text()).endsWith("A sentence added at " + width + " px.");
            assertThat(policies.current().material()).isTrue();
            problems.addAll(problemsOn("/operator/policies (published)", width));
        }
        assertThat(problems).isEmpty();
    }
}
