package org.optline.segment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.CustomFields;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** The rule builder in a real browser: pick conditions, watch the expression and the count follow, save. */
class BrowserSegmentBuilderTest extends BrowserTest {


    @Autowired Clients clients;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;



    private static void swap(WebDriverWait wait, By locator, Consumer<WebElement> action) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
        action.accept(element);
        wait.until(ExpectedConditions.stalenessOf(element));
    }

    @Test
    void theBuilderWritesTheExpressionAndTheCountFollows() {
        var client = Fixtures.client(clients, "Builder Shop");
        var admin = Fixtures.admin(client);
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "interests", "Interests", "multi");
        subscribers.save(admin, new SubscriberInput("ann@shoe.de", "Ann", Map.of("country", "US", "interests", List.of("shoes")), List.of(), null), false);
        subscribers.save(admin, new SubscriberInput("bob@shoe.de", "Bob", Map.of("country", "CA", "interests", List.of("hats")), List.of(), null), false);
        subscribers.save(admin, new SubscriberInput("cid@shoe.de", "Cid", Map.of("country", "DE", "interests", List.of("shoes")), List.of(), null), false);

        logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(browser.findElement(By.id("dashboard-title")).getText()).isEqualTo("Builder Shop");

        browser.get(url("/segments/new"));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // Every change re-renders the editor (htmx), so each step waits for the old element to go.
        swap(wait, By.id("g0.c0.field"), e -> new Select(e).selectByValue("country"));
        swap(wait, By.id("g0.c0.op"), e -> new Select(e).selectByValue("in"));
        swap(wait, By.id("g0.c0.value"), e -> e.sendKeys("US, CA", Keys.TAB));
        swap(wait, By.id("add-0"), WebElement::click);
        swap(wait, By.id("g0.c1.field"), e -> new Select(e).selectByValue("interests"));
        swap(wait, By.id("g0.c1.op"), e -> new Select(e).selectByValue("has"));
        swap(wait, By.id("g0.c1.value"), e -> e.sendKeys("shoes", Keys.TAB));
        browser.findElement(By.id("refresh")).click();

        wait.until(ExpectedConditions.textToBePresentInElementValue(By.id("expression"),
                "country in [\"US\", \"CA\"] and interests has \"shoes\""));
        assertThat(browser.findElement(By.id("count-value")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("sample")).getText()).contains("ann@shoe.de");

        browser.findElement(By.id("segment-name")).sendKeys("North American shoe lovers");
        browser.findElement(By.id("save-segment")).click();
        wait.until(ExpectedConditions.urlMatches(".*/segments/[0-9a-f-]{36}$"));
        browser.get(url("/segments"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("segments-table"), "North American shoe lovers"));
    }
}
