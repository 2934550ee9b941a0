package org.optline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole journey through the pages alone, in a real headless Chromium at 1400 px, each page
 * checked again at 390 px: the operator creates a client; its admin builds a list with fields and a
 * hosted form, imports a CSV, saves a segment, adds the sending domain, writes one campaign in HTML,
 * Markdown and rich text, previews it, sends a test and then the campaign, and reads it in the
 * outbox; a visitor subscribes on the hosted form, follows the confirmation link (which only the
 * operator's outbox shows whole), edits their preferences and unsubscribes. Every step leaves a
 * screenshot in {@code target/journey/} and must show no sideways scroll, no console error and no
 * CSP violation. The app's own delivery worker sends the campaign (polling every two seconds here),
 * so the test calls no service.
 */
@TestPropertySource(properties = "optline.delivery.poll-ms=2000")
class BrowserJourneyTest extends BrowserTest {

    private static final Path SHOTS = Path.of("target", "journey");
    private static final Pattern CONFIRM_LINK = Pattern.compile("/s/confirm/[A-Za-z0-9_~.%-]+");

    private WebDriverWait wait;
    private int step;

    @Test
    void operatorAdminAndVisitorWalkTheWholeJourney() throws IOException {
        Files.createDirectories(SHOTS);
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1400, 1000));
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);

        // 1. The operator creates a client and reads its admin's one-time password.
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/operator/clients"));
        step("operator-clients");
        browser.findElement(By.id("new-client")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name"))).sendKeys("Journey Bakery");
        browser.findElement(By.id("postalAddress")).sendKeys("3 Crumb Street, Breadville");
        String adminEmail = "owner@journeybakery.de";
        browser.findElement(By.id("adminEmail")).sendKeys(adminEmail);
        step("operator-new-client");
        browser.findElement(By.id("create-client")).click();
        String adminPassword = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-password"))).getText();
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(12);
        step("operator-client-created");
        logOut();

        // 2. The client admin: list, fields, hosted form.
        logIn(adminEmail, adminPassword);
        wait.until(ExpectedConditions.textToBe(By.id("dashboard-title"), "Journey Bakery"));
        step("admin-dashboard");

        browser.get(url("/audience/lists"));
        browser.findElement(By.id("list-name")).sendKeys("Regulars");
        new Select(browser.findElement(By.id("list-optin"))).selectByValue("double");
        browser.findElement(By.id("create-list")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lists"), "Regulars"));
        step("lists");

        browser.get(url("/audience/fields"));
        addField("city", "City", "text");
        addField("interests", "Interests", "multi");
        assertThat(browser.findElement(By.id("editable-city")).getText()).isEqualTo("Yes");
        step("fields");

        browser.get(url("/audience/lists"));
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Regulars"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-settings")));
        browser.findElement(By.cssSelector("input[name=fieldKeys][value=city]")).click();
        browser.findElement(By.id("form-consent")).sendKeys("Yes, send me the bakery's news. I can leave at any time.");
        browser.findElement(By.id("save-form")).click();
        String formUrl = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-url"))).getAttribute("href");
        step("list-form");

        // Import a small CSV: map the columns, attest, wait until done.
        Path csv = Files.createTempDirectory("journey").resolve("regulars.csv");
        Files.writeString(csv, """
                Email;Full name;Town;Likes
                ada@journeybakery.de;Ada;Berlin;"rye;spelt"
                ben@journeybakery.de;Ben;Berlin;rye
                cleo@journeybakery.de;Cleo;Berlin;spelt
                dan@journeybakery.de;Dan;Hamburg;rye
                """, StandardCharsets.UTF_8);
        browser.get(url("/audience/imports"));
        browser.findElement(By.id("import-file")).sendKeys(csv.toString());
        new Select(browser.findElement(By.id("import-list"))).selectByVisibleText("Regulars");
        step("import-upload");
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.urlContains("/columns"));
        new Select(browser.findElement(By.id("column_0"))).selectByValue("email");
        new Select(browser.findElement(By.id("column_1"))).selectByValue("name");
        new Select(browser.findElement(By.id("column_2"))).selectByValue("city");
        new Select(browser.findElement(By.id("column_3"))).selectByValue("interests");
        browser.findElement(By.id("attestation")).sendKeys("Signed up at the counter of our Berlin shop, 2026, on paper");
        browser.findElement(By.id("confirm")).click();
        step("import-columns");
        browser.findElement(By.id("start-import")).click();
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "done"));
        assertThat(browser.findElement(By.id("rows-imported")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo("0");
        step("import-done");

        // A segment from the builder.
        browser.get(url("/segments/new"));
        swap(By.id("g0.c0.field"), e -> new Select(e).selectByValue("city"));
        swap(By.id("g0.c0.op"), e -> new Select(e).selectByValue("="));
        swap(By.id("g0.c0.value"), e -> e.sendKeys("Berlin", Keys.TAB));
        browser.findElement(By.id("refresh")).click();
        wait.until(ExpectedConditions.textToBePresentInElementValue(By.id("expression"), "city = \"Berlin\""));
        wait.until(ExpectedConditions.textToBe(By.id("count-value"), "3"));
        browser.findElement(By.id("segment-name")).sendKeys("Berliners");
        step("segment-builder");
        browser.findElement(By.id("save-segment")).click();
        wait.until(ExpectedConditions.urlMatches(".*/segments/[0-9a-f-]{36}$"));
        browser.get(url("/segments"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("segments-table"), "Berliners"));
        step("segments");

        // The send checklist wants the From address's domain among the sending domains.
        browser.get(url("/sending/domains"));
        browser.findElement(By.id("new-domain")).sendKeys("journeybakery.de");
        browser.findElement(By.id("add-domain")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("domain-journeybakery.de")));
        step("sending-domain");

        // One campaign written in each format the editor offers, saved in each.
        browser.get(url("/campaigns/new"));
        browser.findElement(By.id("c-name")).sendKeys("Spring letter");
        browser.findElement(By.id("c-subject")).sendKeys("Spring bread for {{name|you}}");
        browser.findElement(By.id("c-from-name")).sendKeys("Journey Bakery");
        browser.findElement(By.id("c-from-email")).sendKeys("news@journeybakery.de");
        browser.findElement(By.id("list-Regulars")).click();
        new Select(browser.findElement(By.name("segmentId"))).selectByVisibleText("Berliners");
        assertThat(new Select(browser.findElement(By.id("c-format"))).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactlyInAnyOrder("html", "markdown", "richtext");
        format("html");
        WebElement html = browser.findElement(By.id("c-html"));
        html.clear();
        html.sendKeys("<h2>Spring bread</h2><p>Dear {{name|friend}}, the rye is back.</p>");
        waitForDraft("Spring bread");
        step("editor-html");
        save();

        format("markdown");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#markdown-panel .CodeMirror")));
        js().executeScript("document.querySelector('#markdown-panel .CodeMirror').CodeMirror.setValue('');");
        browser.findElement(By.cssSelector("#markdown-panel .CodeMirror")).click();
        browser.findElement(By.cssSelector("#markdown-panel .CodeMirror textarea"))
                .sendKeys("# Spring cake\n\nFor **{{name|you}}**, with [the menu](https://journeybakery.example/menu).\n");
        waitForDraft("<strong>");
        step("editor-markdown");
        save();

        format("richtext");
        WebElement rich = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#richtext-panel .ql-editor")));
        assertThat(rich.getText()).contains("Spring cake");
        rich.click();
        rich.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " Fresh today.");
        waitForDraft("Fresh today.");
        step("editor-richtext");
        save();
        assertThat(new Select(browser.findElement(By.id("c-format"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("richtext");
        assertThat(browser.findElements(By.cssSelector("#checks li.error"))).as("send checklist").isEmpty();

        // Preview as one subscriber, then a test to the admin's own address.
        browser.findElement(By.id("preview-as")).sendKeys("ada@journeybakery.de");
        WebElement previewAs = browser.findElement(By.id("preview-as-button"));
        previewAs.click();
        wait.until(gone(previewAs));
        wait.until(d -> frameText("preview").contains("Fresh today.") && frameText("preview").contains("Ada"));
        step("campaign-preview");
        browser.findElement(By.id("test-emails")).sendKeys(adminEmail);
        browser.findElement(By.id("send-test")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-notice"), "Sent 1 test message"));
        step("campaign-test-sent");

        // Send: the confirmation names the count; the status turns to sent without a reload.
        browser.findElement(By.id("send-now")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-send")));
        assertThat(confirm.getText()).isEqualTo("Send to 3 subscriber(s)");
        assertThat(browser.findElement(By.id("send-count")).getText()).contains("3 subscriber(s)");
        step("campaign-send-confirm");
        confirm.click();
        wait.until(gone(confirm));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-status")));
        js().executeScript("window.journeyNoReload = true;");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-status"), "sent"));
        assertThat(js().executeScript("return window.journeyNoReload === true;")).as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.findElement(By.id("campaign-status")).getText()).isEqualTo("sent");
        assertThat(browser.findElements(By.id("pause-campaign"))).isEmpty();
        // The notice of the send does not outlive it: the poll that brought "sent" cleared it.
        assertThat(browser.findElements(By.id("campaign-notice"))).noneMatch(n -> n.getText().contains("sending"));
        step("campaign-sent");

        browser.get(url("/outbox"));
        String outbox = browser.findElement(By.id("outbox-table")).getText();
        assertThat(outbox).contains("ada@journeybakery.de", "ben@journeybakery.de", "cleo@journeybakery.de", adminEmail)
                .doesNotContain("dan@journeybakery.de");
        step("outbox");
        browser.get(url("/outbox?recipient=ada%40journeybakery.de"));
        browser.findElement(By.cssSelector("#outbox-table tbody a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message-kind")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Spring bread for Ada");
        assertThat(browser.findElement(By.id("message-text")).getText()).contains("Fresh today.");
        step("outbox-message");
        logOut();

        // 3. A visitor, with fresh cookies, subscribes on the hosted form.
        browser.manage().deleteAllCookies();
        browser.get(url(URI.create(formUrl).getRawPath()));
        browser.findElement(By.id("sub-email")).sendKeys("vera@visitor.de");
        browser.findElement(By.id("sub-name")).sendKeys("Vera");
        browser.findElement(By.name("field.city")).sendKeys("Potsdam");
        step("subscribe-form");
        browser.findElement(By.id("sub-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("outcome"), "Please check your inbox"));
        step("subscribed");

        // The client admin's outbox withholds the link; the operator's shows it whole.
        logIn(adminEmail, adminPassword);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-title")));
        openOnlyMessageTo("vera%40visitor.de");
        assertThat(browser.findElement(By.id("link-withheld")).getText()).contains("withheld");
        String withheld = browser.findElement(By.tagName("main")).getText();
        assertThat(withheld).contains("/s/confirm/(link withheld)");
        assertThat(CONFIRM_LINK.matcher(withheld).find()).as("a confirmation link shown to the client").isFalse();
        step("admin-confirmation-withheld");
        logOut();
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/operator/clients"));
        openOnlyMessageTo("vera%40visitor.de");
        Matcher link = CONFIRM_LINK.matcher(browser.findElement(By.id("message-text")).getText());
        assertThat(link.find()).as("a confirmation link in the operator's view").isTrue();
        String confirmPath = link.group();
        step("operator-confirmation");
        logOut();

        browser.manage().deleteAllCookies();
        browser.get(url(confirmPath));
        step("confirm");
        browser.findElement(By.id("confirm-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirmed")));
        step("confirmed");
        browser.findElement(By.id("preferences-link")).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pref-name")));
        assertThat(name.getAttribute("value")).isEqualTo("Vera");
        assertThat(browser.findElement(By.name("field.city")).getAttribute("value")).isEqualTo("Potsdam");
        step("preferences");
        name.clear();
        name.sendKeys("Vera V.");
        WebElement city = browser.findElement(By.name("field.city"));
        city.clear();
        city.sendKeys("Berlin");
        browser.findElement(By.id("pref-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pref-notice")));
        assertThat(browser.findElement(By.id("pref-name")).getAttribute("value")).isEqualTo("Vera V.");
        assertThat(browser.findElement(By.name("field.city")).getAttribute("value")).isEqualTo("Berlin");
        step("preferences-saved");
        browser.findElement(By.id("unsubscribe-all")).click();
        String farewell = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("public-message"))).getText();
        assertThat(farewell.toLowerCase()).contains("unsubscribed");
        step("unsubscribed");
    }

    private void addField(String key, String label, String type) {
        browser.findElement(By.id("field-key")).sendKeys(key);
        browser.findElement(By.id("field-label")).sendKeys(label);
        new Select(browser.findElement(By.id("field-type"))).selectByValue(type);
        browser.findElement(By.id("field-editable")).click();
        browser.findElement(By.id("create-field")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fields-table"), label));
    }

    /** Every builder change re-renders the editor (htmx): act, then wait for the old element to go. */
    private void swap(By locator, Consumer<WebElement> action) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
        action.accept(element);
        wait.until(gone(element));
    }

    private void format(String format) {
        new Select(browser.findElement(By.id("c-format"))).selectByValue(format);
    }

    /**
     * Saves the campaign and waits for the page the save redirects to. The click goes to the
     * button itself (a script click): the live preview above it grows when its frame reloads, and
     * a pointer click aimed before that lands on whatever moved under it.
     */
    private void save() {
        WebElement button = browser.findElement(By.id("save-campaign"));
        js().executeScript("arguments[0].click();", button);
        wait.until(gone(button));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-notice"), "Saved"));
    }

    /** The live preview is framed from its own address: look inside the frame. */
    private void waitForDraft(String html) {
        wait.until(d -> {
            try {
                var frames = d.findElements(By.id("draft-preview"));
                if (frames.isEmpty()) {
                    return false;
                }
                d.switchTo().frame(frames.get(0));
                return d.getPageSource().contains(html);
            } catch (NoSuchFrameException e) {
                return false;
            } finally {
                d.switchTo().defaultContent();
            }
        });
    }

    private String frameText(String id) {
        try {
            browser.switchTo().frame(browser.findElement(By.id(id)));
            return browser.findElement(By.tagName("body")).getText();
        } catch (NoSuchFrameException e) {
            return "";
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    private void openOnlyMessageTo(String recipient) {
        browser.get(url("/outbox?recipient=" + recipient));
        List<WebElement> links = browser.findElements(By.cssSelector("#outbox-table tbody a"));
        assertThat(links).hasSize(1);
        links.get(0).click();
        wait.until(ExpectedConditions.textToBe(By.id("message-kind"), "confirmation"));
    }

    private void logOut() {
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
    }

    /**
     * A screenshot at 1400 px, then the same page at 390 px (another screenshot): at both, no
     * sideways scroll, and the browser logged no error and no CSP violation since the last step.
     */
    private void step(String name) {
        step++;
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {1400, 390}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            wait.until(d -> {
                int inner = ((Number) js().executeScript("return window.innerWidth;")).intValue();
                return width == 1400 ? inner > 1000 : inner <= width;
            });
            Object wide = js().executeScript("""
                    const root = document.documentElement;
                    if (root.scrollWidth <= root.clientWidth) { return null; }
                    return root.scrollWidth + ' px wide in ' + root.clientWidth + ': ' + Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1).slice(0, 5)
                        .map(e => e.tagName + '#' + e.id + '.' + e.className).join(' | ');""");
            if (wide != null) {
                problems.add(name + " at " + width + " px: " + wide);
            }
            String file = String.format("%02d-%s%s.png", step, name, width == 1400 ? "" : "-390");
            try {
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        browser.manage().window().setSize(new Dimension(1400, 1000));
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || message.contains("Content Security Policy")
                    || message.contains("Refused to")) {
                problems.add(name + " logged: " + message);
            }
        }
        assertThat(problems).as("step " + step + " " + name).isEmpty();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }
}
