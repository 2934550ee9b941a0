package org.optline.test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A full Optline on a random port, driven by one headless Chromium per test class. Skipped, with a
 * message, where Chromium is not installed. Name subclasses {@code Browser*Test}: {@code .ci/run}
 * fails when those were skipped.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Chromium.Installed.class)
public abstract class BrowserTest {

    protected static WebDriver browser;

    @LocalServerPort protected int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * True once {@code element} has left the page (an htmx swap replaced it). Unlike Selenium's
     * staleness check this also takes Chromium's "node does not belong to the document" inspector
     * error, which it sometimes answers for a detached node instead of a stale element.
     */
    protected static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException detached) {
                return true;
            }
        };
    }

    /**
     * What is wrong with the page shown now at {@code width}: a sideways scroll, and anything the
     * browser logged at warning or above (a Content-Security-Policy violation among them).
     */
    protected List<String> problemsOn(String page, int width) {
        List<String> problems = new ArrayList<>();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scrollWidth = (Long) js.executeScript("return document.scrollingElement.scrollWidth;");
        long innerWidth = (Long) js.executeScript("return window.innerWidth;");
        if (scrollWidth > innerWidth) {
            problems.add(page + " at " + width + " px is " + scrollWidth + " px wide");
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue() || entry.getMessage().contains("Content Security Policy")) {
                problems.add(page + " at " + width + " px logged: " + entry.getMessage());
            }
        }
        return problems;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Submits the login form; callers wait for the page they expect next. */
    protected void logIn(String email, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }
}
