package org.optline.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The editor's three formats in a real browser under the app's strict policy: write in HTML,
 * switch to Markdown and to rich text with the content carried over, watch the live preview, save
 * in each format, duplicate, send and see the status turn to sent without a reload. No console
 * error and no CSP violation on any page, and nothing in the page wider than the window, at
 * desktop and phone widths.
 */
class BrowserCampaignEditorTest extends BrowserTest {

    /**
     * Runs before any page script (injected through the DevTools protocol, so the page's policy
     * does not apply to it): records CSP violations, uncaught errors and console errors.
     */
    private static final String RECORDER = """
            (() => {
                if (window.optlineProblems) {
                    return;
                }
                window.optlineProblems = [];
                document.addEventListener('securitypolicyviolation', e => window.optlineProblems.push(
                    'CSP ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
                window.addEventListener('error', e => window.optlineProblems.push('error ' + e.message));
                const consoleError = console.error;
                console.error = function () {
                    window.optlineProblems.push('console ' + Array.from(arguments).join(' '));
                    return consoleError.apply(console, arguments);
                };
            })();
            """;

    /** Once per browser: the script stays registered for every page it opens. */
    private static boolean recording;

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired SendingDomains domains;
    @Autowired DeliveryWorker worker;

    private WebDriverWait wait;

    @BeforeEach
    void recordProblems() {
        if (!recording) {
            ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
            recording = true;
        }
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(ints = {1400, 390})
    void writeInEachFormatSwitchPreviewDuplicateAndSend(int width) {
        browser.manage().window().setSize(new Dimension(width, 1000));
        String domain = "editor" + width + ".de";
        var client = Fixtures.client(clients, "Editor Bistro " + width);
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Regulars", null, "single"));
        domains.add(admin, domain);
        subscribers.save(admin, new SubscriberInput("guest@" + domain, "Greta", Map.of(), List.of(list.id()), null), false);
        browser.manage().deleteAllCookies();
        logIn(client.admin().email(), client.generatedAdminPassword());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-title")));

        browser.get(url("/campaigns/new"));
        fillHeader("Soup", "news@" + domain);
        WebElement html = browser.findElement(By.id("c-html"));
        html.clear();
        html.sendKeys("<h2>Soup of the day</h2><p>Dear {{name|guest}}</p>");
        waitForDraft("Soup of the day");
        fitsTheWindow();
        screenshot(width, "1-html");

        format("markdown");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#markdown-panel .CodeMirror")));
        assertThat(markdownSource()).contains("<h2>Soup of the day</h2>");
        setMarkdown("# Bread of the day\n\nFor **{{name|you}}**, see [the menu](https://shop.example/menu).\n");
        waitForDraft("<strong>Sam Sample</strong>");
        fitsTheWindow();
        screenshot(width, "2-markdown");

        format("richtext");
        WebElement rich = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#richtext-panel .ql-editor")));
        assertThat(rich.getText()).contains("Bread of the day");
        rich.click();
        rich.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " Fresh today.");
        waitForDraft("Fresh today.");
        fitsTheWindow();
        screenshot(width, "3-richtext");
        noProblems();

        browser.findElement(By.id("save-campaign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-notice"), "Saved"));
        assertThat(new Select(browser.findElement(By.id("c-format"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("richtext");
        assertThat(browser.findElement(By.cssSelector("#richtext-panel .ql-editor")).getText()).contains("Fresh today.");
        browser.switchTo().frame(browser.findElement(By.id("preview")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Bread of the day").contains("Fresh today.");
        browser.switchTo().defaultContent();
        fitsTheWindow();
        noProblems();

        // Markdown is stored as written and opens again in the Markdown editor.
        format("markdown");
        setMarkdown("# Cake\n\nFor {{name|you}}.\n");
        browser.findElement(By.id("save-campaign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-notice"), "Saved"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#markdown-panel .CodeMirror")));
        assertThat(markdownSource()).isEqualTo("# Cake\n\nFor {{name|you}}.\n");
        noProblems();

        browser.findElement(By.id("duplicate-campaign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Copy of Soup"));
        assertThat(markdownSource()).isEqualTo("# Cake\n\nFor {{name|you}}.\n");
        noProblems();

        browser.findElement(By.id("send-now")).click();
        browser.findElement(By.id("confirm-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-status"), "sending"));
        assertThat(browser.findElements(By.id("pause-campaign"))).hasSize(1);
        worker.runOnce();
        // No reload: the status fragment polls itself and swaps in the sent status and its buttons.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-status"), "sent"));
        assertThat(browser.findElements(By.id("pause-campaign"))).isEmpty();
        assertThat(browser.findElements(By.id("save-campaign"))).isEmpty();
        assertThat(browser.findElement(By.id("c-format")).isEnabled()).isFalse();
        fitsTheWindow();
        screenshot(width, "4-sent");
        noProblems();

        browser.get(url("/campaigns"));
        String table = browser.findElement(By.id("campaigns-table")).getText();
        assertThat(table).contains("Copy of Soup").contains("sent").contains("Soup").contains("draft");
        fitsTheWindow();
        screenshot(width, "5-list");
        noProblems();
    }

    /** A picture of the page for reviewers, under target/screenshots. */
    private void screenshot(int width, String step) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    dir.resolve("campaign-editor-" + width + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fillHeader(String name, String from) {
        browser.findElement(By.id("c-name")).sendKeys(name);
        browser.findElement(By.id("c-subject")).sendKeys("Today for {{name|you}}");
        browser.findElement(By.id("c-from-name")).sendKeys("Bistro");
        browser.findElement(By.id("c-from-email")).sendKeys(from);
        browser.findElement(By.id("list-Regulars")).click();
    }

    private void format(String format) {
        new Select(browser.findElement(By.id("c-format"))).selectByValue(format);
    }

    private String markdownSource() {
        return (String) js().executeScript("return document.querySelector('#markdown-panel .CodeMirror').CodeMirror.getValue();");
    }

    /** Types into CodeMirror as a person would, after clearing it. */
    private void setMarkdown(String text) {
        js().executeScript("document.querySelector('#markdown-panel .CodeMirror').CodeMirror.setValue('');");
        browser.findElement(By.cssSelector("#markdown-panel .CodeMirror")).click();
        browser.findElement(By.cssSelector("#markdown-panel .CodeMirror textarea")).sendKeys(text);
    }

    private void waitForDraft(String html) {
        // The draft is framed from its own address (under the preview policy): look inside the frame.
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchFrameException.class).until(d -> {
            var frames = d.findElements(By.id("draft-preview"));
            if (frames.isEmpty()) {
                return false;
            }
            try {
                d.switchTo().frame(frames.get(0));
                return d.getPageSource().contains(html);
            } finally {
                d.switchTo().defaultContent();
            }
        });
    }

    /** Nothing in the page's main content reaches beyond the window: no sideways scroll caused by the editor. */
    private void fitsTheWindow() {
        Object wide = js().executeScript("""
                const limit = document.documentElement.clientWidth;
                // Inside a box that clips (an editor's own scroller), an element is seen only within that box,
                // which is checked on its own.
                const clipped = e => {
                    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                        if (getComputedStyle(p).overflowX !== 'visible') {
                            return true;
                        }
                    }
                    return false;
                };
                return Array.from(document.querySelectorAll('main *'))
                    .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > limit + 1 && !clipped(e))
                    .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
                """);
        assertThat((List<?>) wide).as("elements wider than the window").isEmpty();
    }

    private void noProblems() {
        assertThat((List<?>) js().executeScript("return window.optlineProblems || ['recorder missing'];"))
                .as("console errors and CSP violations").isEmpty();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }
}
