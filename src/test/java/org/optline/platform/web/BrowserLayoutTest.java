package org.optline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.platform.AuditLog;
import org.optline.platform.ClientDetails;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a client admin and an operator can reach, at desktop (1400 px) and phone (390 px)
 * width: none scrolls sideways, none logs a console error or a Content-Security-Policy violation,
 * and on the phone the menu opens and log out is in reach. The pages are found by following the
 * app's own links from the dashboard, one page per address pattern, so a module's new page is
 * visited as soon as something links to it. Screenshots go to {@code target/screenshots/}.
 */
class BrowserLayoutTest extends BrowserTest {

    private static final List<Integer> WIDTHS = List.of(1400, 390);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired Clients clients;
    @Autowired Lists lists;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired AuditLog audit;

    @Test
    void everyClientPageFitsBothWidthsWithoutErrors() throws IOException {
        var client = Fixtures.client(clients, "Layout Laden");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Regulars", null, "single"));
        domains.add(admin, "laden.example");
        subscribers.save(admin, new SubscriberInput("a-rather-long-address-for-wrapping@layout-laden-und-soehne.example",
                "Greta", Map.of(), List.of(list.id()), null), false);
        campaigns.create(admin, new Campaigns.CampaignInput("Spring menu", "Spring", "", "Laden", "news@laden.example", "",
                "<p>Hello {{name|there}}</p>", null, null, null, List.of(list.id())));

        logIn(client.admin().email(), client.generatedAdminPassword());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
        List<String> pages = crawl("/");
        assertThat(pages).contains("/audience/subscribers", "/audience/lists", "/audience/fields", "/segments",
                "/audience/imports", "/audience/suppressions", "/campaigns", "/campaigns/templates", "/sending/domains",
                "/sending/relay", "/settings/users", "/settings/api-keys", "/settings/account", "/outbox");
        assertThat(pages).as("a sending domain's own page").anyMatch(p -> p.matches("/sending/domains/[0-9a-f-]{36}"));
        checkEveryPage("client", pages);
    }

    @Test
    void everyOperatorPageFitsBothWidthsWithoutErrors() throws IOException {
        var client = Fixtures.client(clients, "Operator Example");
        clients.changeDetails(Fixtures.operator(), client.client().id(), new ClientDetails(
                "Operator Example GmbH\nEine-ziemlich-lange-Strassenbezeichnung-ohne-Leerzeichen 12\n10115 Berlin", "Europe/Berlin"));
        // A long detail without a break: it must wrap in its cell, not widen the page.
        audit.record(Fixtures.operator(), client.client().id(), "client.note", "client:" + client.client().id(),
                "detail-" + "x".repeat(400) + " and " + "words ".repeat(60));
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/operator/clients"));
        List<String> pages = crawl("/operator/clients");
        assertThat(pages).contains("/operator/clients", "/operator/audit", "/outbox", "/operator/delivery",
                "/settings/users", "/settings/api-keys", "/operator/clients/new");
        assertThat(pages).as("a client's page with its details form").anyMatch(p -> p.matches("/operator/clients/[0-9a-f-]{36}"));
        checkEveryPage("operator", pages);
    }

    @Test
    void theChecksSeeACspViolationAndASidewaysScroll() {
        browser.manage().window().setSize(new Dimension(390, 1000));
        browser.get(url("/login"));
        problemsOn("/login", 390);
        // Markup with a style attribute (refused by the policy), and a box made wide through the
        // CSS object model, which the policy allows: the check must report both.
        ((JavascriptExecutor) browser).executeScript("document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>');"
                + " var wide = document.createElement('div'); wide.style.width = '2000px'; wide.style.height = '1px';"
                + " document.body.appendChild(wide);");
        assertThat(problemsOn("/login", 390)).anySatisfy(p -> assertThat(p).contains("Content Security Policy"))
                .anySatisfy(p -> assertThat(p).contains("px wide"));
    }

    private void checkEveryPage(String who, List<String> pages) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            for (String page : pages) {
                browser.get(url(page));
                problems.addAll(problemsOn(page, width));
                screenshot(who + "-" + width + page.replaceAll("[^A-Za-z0-9]+", "-"));
            }
        }
        assertThat(problems).isEmpty();
        browser.manage().window().setSize(new Dimension(390, 1000));
        browser.get(url(pages.get(0)));
        WebElement nav = browser.findElement(By.id("main-nav"));
        assertThat(nav.isDisplayed()).as("the menu starts closed on a phone").isFalse();
        assertThat(browser.findElement(By.id("logout")).isDisplayed()).as("log out is in reach on a phone").isTrue();
        browser.findElement(By.id("nav-toggle-button")).click();
        assertThat(nav.isDisplayed()).as("the menu opens on a phone").isTrue();
        screenshot(who + "-390-menu-open");
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(url(pages.get(0)));
        assertThat(browser.findElement(By.id("main-nav")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("logout")).isDisplayed()).isTrue();
    }

    private List<String> problemsOn(String page, int width) {
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

    /** Follows same-site links breadth-first, visiting one address per pattern (ids replaced). */
    private List<String> crawl(String start) {
        Map<String, String> byPattern = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        String origin = url("");
        while (!queue.isEmpty() && byPattern.size() < 60) {
            String path = queue.poll();
            String pattern = path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
            if (byPattern.containsKey(pattern)) {
                continue;
            }
            browser.get(url(path));
            byPattern.put(pattern, path);
            for (WebElement link : browser.findElements(By.cssSelector("a[href]"))) {
                String href = link.getAttribute("href");
                if (href == null || !href.startsWith(origin)) {
                    continue;
                }
                String next = href.substring(origin.length()).replaceAll("#.*$", "");
                if (isPage(next)) {
                    queue.add(next);
                }
            }
        }
        return new ArrayList<>(byPattern.values());
    }

    /** Pages people read; downloads, frames' documents, polling fragments and the API are not. */
    private static boolean isPage(String address) {
        String path = address.replaceAll("\\?.*$", "");
        return !path.isEmpty() && !path.startsWith("/api/") && !path.startsWith("/s/") && !path.endsWith(".csv")
                && !path.endsWith(".json") && !path.endsWith(".html") && !path.endsWith("/progress")
                && !path.startsWith("/logout") && !path.startsWith("/webjars/") && !path.startsWith("/css/")
                && !path.startsWith("/js/") && !path.startsWith("/favicon");
    }

    private static void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.move(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
