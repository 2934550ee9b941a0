package org.optline.segment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.CustomFields;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.segment.Segments;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/** The rule builder in a real browser: pick conditions, watch the expression and the count follow, save. */
class BrowserSegmentBuilderTest extends BrowserTest {


    @Autowired Clients clients;
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Segments segments;



    private static void swap(WebDriverWait wait, By locator, Consumer<WebElement> action) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
        action.accept(element);
        wait.until(gone(element));
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

    private Actor shop(String name) {
        var client = Fixtures.client(clients, name);
        var admin = Fixtures.admin(client);
        fields.create(admin, "country", "Country", "text");
        fields.create(admin, "interests", "Interests", "multi");
        subscribers.save(admin, new SubscriberInput("ann@" + name.toLowerCase().replace(' ', '-') + ".de", "Ann",
                Map.of("country", "US", "interests", List.of("shoes")), List.of(), null), false);
        logIn(client.admin().email(), client.generatedAdminPassword());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
        return admin;
    }

    private void saveAndWait(WebDriverWait wait) {
        String before = browser.getCurrentUrl();
        // The builder's last change may still be swapping the editor in (htmx): a button found just
        // before the swap is gone when clicked, so find and click again until a click lands.
        WebElement save = new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> {
                    WebElement button = d.findElement(By.id("save-segment"));
                    button.click();
                    return button;
                });
        wait.until(gone(save));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor"), "Saved."));
        assertThat(browser.getCurrentUrl()).isEqualTo(before);
    }

    @Test
    void aReopenedSegmentShowsInTheBuilderAndSavesUnchanged() {
        Actor admin = shop("Reopen Shop");
        String expression = "country = \"US\" and interests has \"shoes\"";
        var segment = segments.create(admin, "US shoe lovers", expression);

        browser.get(url("/segments/" + segment.id()));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        assertThat(new Select(browser.findElement(By.id("g0.c0.field"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("country");
        assertThat(new Select(browser.findElement(By.id("g0.c0.op"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("=");
        assertThat(browser.findElement(By.id("g0.c0.value")).getAttribute("value")).isEqualTo("US");
        assertThat(new Select(browser.findElement(By.id("g0.c1.field"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("interests");
        assertThat(new Select(browser.findElement(By.id("g0.c1.op"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("has");
        assertThat(browser.findElement(By.id("g0.c1.value")).getAttribute("value")).isEqualTo("shoes");
        assertThat(browser.findElement(By.id("expression")).getAttribute("value")).isEqualTo(expression);
        assertThat(browser.findElement(By.id("count-value")).getText()).isEqualTo("1");

        saveAndWait(wait);
        assertThat(segments.get(admin, segment.id()).expression()).isEqualTo(expression);

        // Touching the builder without finishing a row (a new row, its field chosen) writes nothing over the two conditions.
        swap(wait, By.id("add-0"), WebElement::click);
        swap(wait, By.id("g0.c2.field"), e -> new Select(e).selectByValue("country"));
        assertThat(browser.findElement(By.id("expression")).getAttribute("value")).isEqualTo(expression);
        saveAndWait(wait);
        assertThat(segments.get(admin, segment.id()).expression()).isEqualTo(expression);
    }

    @Test
    void anExpressionTheBuilderCannotShowSurvivesOpeningAndSaving() {
        Actor admin = shop("Survive Shop");
        String expression = "not (country = \"US\" or interests has \"shoes\")";
        var segment = segments.create(admin, "Everyone else", expression);

        browser.get(url("/segments/" + segment.id()));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        assertThat(browser.findElement(By.id("builder-unavailable")).getText()).contains("The builder cannot show this expression");
        assertThat(browser.findElements(By.id("g0.c0.field"))).isEmpty();
        assertThat(browser.findElement(By.id("expression")).getAttribute("value")).isEqualTo(expression);
        saveAndWait(wait);
        assertThat(segments.get(admin, segment.id()).expression()).isEqualTo(expression);

        // Asking to see it in the builder changes nothing either; the text stays editable and is what is saved.
        swap(wait, By.id("load-text"), WebElement::click);
        assertThat(browser.findElement(By.id("expression")).getAttribute("value")).isEqualTo(expression);
        WebElement text = browser.findElement(By.id("expression"));
        text.sendKeys(Keys.END, " and country is set");
        saveAndWait(wait);
        assertThat(segments.get(admin, segment.id()).expression()).isEqualTo(expression + " and country is set");
    }

    @Test
    void editingTheTextSaysTheBuilderNoLongerShowsIt() {
        Actor admin = shop("Edit Shop");
        var segment = segments.create(admin, "US", "country = \"US\"");
        browser.get(url("/segments/" + segment.id()));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        assertThat(browser.findElement(By.id("text-edited")).isDisplayed()).isFalse();
        browser.findElement(By.id("expression")).sendKeys(Keys.END, " or country = \"CA\"");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-edited")));
        swap(wait, By.id("load-edited"), WebElement::click);
        assertThat(browser.findElement(By.id("g0.c1.value")).getAttribute("value")).isEqualTo("CA");
        assertThat(browser.findElement(By.id("expression")).getAttribute("value")).isEqualTo("country = \"US\" or country = \"CA\"");
    }
}
