package org.optline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.audience.CustomFields;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.compliance.AbuseCases;
import org.optline.compliance.termination.TerminationWorker;
import org.optline.delivery.Outbox;
import org.optline.delivery.SendingDomains;
import org.optline.inbound.InboundMail;
import org.optline.inbound.replies.Reply;
import org.optline.inbound.replies.ReplyStore;
import org.optline.platform.AuditLog;
import org.optline.platform.ClientDetails;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.platform.TransactionalMail;
import org.optline.segment.Segments;
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
    @Autowired CustomFields fields;
    @Autowired Subscribers subscribers;
    @Autowired Campaigns campaigns;
    @Autowired SendingDomains domains;
    @Autowired Segments segments;
    @Autowired SubscriberTokens tokens;
    @Autowired Outbox outbox;
    @Autowired ReplyStore replyStore;
    @Autowired InboundMail inbound;
    @Autowired TenantScope scope;
    @Autowired Imports imports;
    @Autowired AuditLog audit;
    @Autowired AbuseCases abuseCases;
    @Autowired TerminationWorker terminations;

    @Test
    void everyClientPageFitsBothWidthsWithoutErrors() throws IOException {
        var client = Fixtures.client(clients, "Layout Laden");
        var admin = Fixtures.admin(client);
        var list = lists.create(admin, new Lists.ListInput("Regulars", null, "single"));
        domains.add(admin, "laden.example");
        lists.create(admin, new Lists.ListInput("Stammtisch mit einem recht langen Namen", null, "double"));
        fields.create(admin, "birthday", "Birthday", "date");
        fields.create(admin, "regular", "Regular guest", "boolean");
        fields.create(admin, "visits", "Visits", "number");
        fields.create(admin, "dishes", "Favourite dishes", "multi");
        fields.create(admin, "city", "City", "text");
        subscribers.save(admin, new SubscriberInput("a-rather-long-address-for-wrapping@layout-laden-und-soehne.example",
                "Greta", Map.of("birthday", "1990-04-01", "regular", true, "visits", 12, "city", "Braunschweig",
                        "dishes", List.of("Spätzle", "Käsespätzle mit Röstzwiebeln und Bergkäse", "Maultaschen")),
                List.of(list.id()), null), false);
        campaigns.create(admin, new Campaigns.CampaignInput("Spring menu", "Spring", "", "Laden", "news@laden.example", "",
                "<p>Hello {{name|there}}</p>", null, null, null, List.of(list.id())));
        // A captured message (the outbox's message page and its framed HTML part) and an import
        // with rejected rows (its result page).
        outbox.send(new TransactionalMail.Message(client.client().id(), "test", "Laden",
                "a-rather-long-address-for-wrapping@layout-laden-und-soehne.example", "Spring menu: asparagus, strawberries and "
                + "a-very-long-unbroken-word-that-must-wrap-instead-of-widening-the-page",
                "Hello Greta,\n\nhttps://laden.example/a/very/long/link/that/goes/on/and/on/and/on/and/on/and/on/and/on/and/on\n",
                "<p>Hello <strong>Greta</strong>, spring is here.</p>"));
        var upload = imports.upload(admin, list.id(), "regulars.csv", new ByteArrayInputStream(
                "email,name\nok@laden.example,Ok\nnot-an-address,Nobody\n".getBytes(StandardCharsets.UTF_8)));
        imports.start(admin, upload.id(), null, "Signed up at the counter");
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(admin, upload.id()).finished());

        fields.create(admin, "first_name", "First name", "text", true);
        var greta = subscribers.findByEmail(admin, "a-rather-long-address-for-wrapping@layout-laden-und-soehne.example").orElseThrow();
        // A segment whose every row the builder shows, engagement and a campaign picked from a list included.
        segments.create(admin, "Spring readers", "opened within 30 days and received campaign \"Spring menu\" and "
                + "dishes has any [\"Spätzle\", \"Maultaschen\"] and in list \"Regulars\"");

        // A kept reply with long words (the replies list and a reply's page).
        scope.inClient(client.client().id(), () -> replyStore.insert(new Reply(UUID.randomUUID(), client.client().id(),
                greta.id(), null, UUID.randomUUID(), greta.email(), "Re: Spring menu and a-very-long-unbroken-subject-word-that-wraps",
                "Can I book a table?\nhttps://laden.example/a/very/long/link/that/goes/on/and/on/and/on/and/on/and/on/and/on",
                OffsetDateTime.now(ZoneOffset.UTC), "reservations@laden.example", OffsetDateTime.now(ZoneOffset.UTC))));

        // A complaint about Greta with a warning from the abuse desk (the complaints page).
        var complaint = abuseCases.report(Fixtures.operator(), new AbuseCases.OperatorReport(client.client().id(), null,
                greta.email(), "abuse", "Reported by phone"));
        abuseCases.changeState(Fixtures.operator(), complaint.id(), new AbuseCases.StateChange("resolved", "client_warned",
                "Please-check-how-this-address-was-collected-" + "x".repeat(120)));

        logIn(client.admin().email(), client.generatedAdminPassword());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
        List<String> pages = new ArrayList<>(crawl("/dashboard"));
        assertThat(pages).contains("/standing");
        assertThat(pages).contains("/replies", "/settings/bounces", "/complaints").anyMatch(p -> p.matches("/replies/[0-9a-f-]{36}"));
        assertThat(pages).contains("/audience/subscribers", "/audience/lists", "/audience/fields", "/segments",
                "/audience/imports", "/audience/suppressions", "/campaigns", "/campaigns/templates", "/sending/domains",
                "/sending/relay", "/settings/users", "/settings/api-keys", "/settings/account", "/outbox", "/reports", "/audience/subscribers/new");
        assertThat(pages).anyMatch(p -> p.matches("/audience/subscribers/[0-9a-f-]{36}"));
        assertThat(pages).as("a field's page and a saved segment in the builder")
                .anyMatch(p -> p.matches("/audience/fields/[0-9a-f-]{36}")).anyMatch(p -> p.matches("/segments/[0-9a-f-]{36}"));
        // Public pages are not linked from the app; the preference centre is checked by its address.
        pages.add("/s/preferences/" + tokens.preferences(admin.clientId(), greta.id()));
        assertThat(pages).anyMatch(p -> p.matches("/outbox/[0-9a-f-]{36}"))
                .anyMatch(p -> p.matches("/audience/imports/[0-9a-f-]{36}"));
        assertThat(pages).as("a sending domain's own page").anyMatch(p -> p.matches("/sending/domains/[0-9a-f-]{36}"));
        checkEveryPage("client", pages);
        checkAddSubscriberRefusal();
    }

    /** The add-subscriber form as it comes back refused, with everything typed kept, at both widths. */
    private void checkAddSubscriberRefusal() throws IOException {
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/audience/subscribers/new"));
            browser.findElement(By.name("email")).sendKeys("someone@no-top-level-domain");
            browser.findElement(By.name("name")).sendKeys("Someone with a rather long name to keep");
            browser.findElement(By.name("field.city")).sendKeys("Wolfenbüttel");
            browser.findElement(By.cssSelector("#add-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("add-error")));
            assertThat(browser.findElement(By.id("add-error")).getText()).startsWith("Email ");
            assertThat(browser.findElement(By.name("field.city")).getAttribute("value")).isEqualTo("Wolfenbüttel");
            // The refusal answers 422 on purpose, which the browser logs as a failed load of the
            // page itself; anything else logged still counts.
            problems.addAll(problemsOn("/audience/subscribers/new (refused)", width).stream()
                    .filter(p -> !p.contains("/audience/subscribers/new - Failed to load resource: the server responded with a status of 422"))
                    .toList());
            screenshot("client-" + width + "-audience-subscribers-new-refused");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperatorPageFitsBothWidthsWithoutErrors() throws IOException, InterruptedException {
        var client = Fixtures.client(clients, "Operator Example");
        clients.changeDetails(Fixtures.operator(), client.client().id(), new ClientDetails(
                "Operator Example GmbH\nEine-ziemlich-lange-Strassenbezeichnung-ohne-Leerzeichen 12\n10115 Berlin", "Europe/Berlin"));
        // A long detail without a break: it must wrap in its cell, not widen the page.
        audit.record(Fixtures.operator(), client.client().id(), "client.note", "client:" + client.client().id(),
                "detail-" + "x".repeat(400) + " and " + "words ".repeat(60));
        // An inbound message with a long unbroken header line: its page must wrap it.
        inbound.feedRaw(Fixtures.operator(), ("From: mailer-daemon@mx.example.net\r\nTo: b-" + "y".repeat(300)
                + "@bounces.optline.local\r\nSubject: Undelivered\r\n\r\nGone.\r\n").getBytes(StandardCharsets.US_ASCII));
        // A past legal disclosure whose legal basis runs long without a break: its cell must wrap.
        HttpResponse<String> disclosed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/api/v1/legal-disclosures")))
                .header("Authorization", "Bearer " + Fixtures.OPERATOR_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"someone@layout.example\", \"legalBasis\": \"Court-order-"
                        + "z".repeat(300) + " of the district court\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(disclosed.statusCode()).isEqualTo(200);
        // An abuse case with a long unbroken report and address (the desk's list and a case page).
        abuseCases.report(Fixtures.operator(), new AbuseCases.OperatorReport(client.client().id(), null,
                "someone-with-a-rather-long-address@operator-example-und-partner.example", "fraud",
                "Forwarded: " + "z".repeat(300)));
        // A terminated client with its export written: its page and the termination's page.
        var ended = Fixtures.client(clients, "Ended Example");
        clients.terminate(Fixtures.operator(), ended.client().id(), "Complaints far over the line: " + "x".repeat(300));
        terminations.runDue();
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/operator/clients"));
        List<String> pages = crawl("/operator/clients");
        pages.add("/operator/clients/" + ended.client().id());
        pages.add("/operator/clients/" + ended.client().id() + "/termination");
        assertThat(pages).contains("/operator/legal-disclosures", "/operator/policies");
        assertThat(pages).contains("/operator/clients", "/operator/audit", "/outbox", "/operator/delivery",
                "/settings/users", "/settings/api-keys", "/operator/clients/new");
        assertThat(pages).as("a client's page with its details form").anyMatch(p -> p.matches("/operator/clients/[0-9a-f-]{36}"));
        assertThat(pages).contains("/operator/standing").anyMatch(p -> p.matches("/operator/standing/[0-9a-f-]{36}"));
        assertThat(pages).contains("/operator/inbound").anyMatch(p -> p.matches("/operator/inbound/[0-9a-f-]{36}"));
        assertThat(pages).contains("/operator/abuse-cases", "/operator/abuse-cases/new")
                .anyMatch(p -> p.matches("/operator/abuse-cases/[0-9a-f-]{36}"));
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

    /**
     * Pages people read; downloads, frames' documents, polling fragments and the API are not. The
     * public site ({@code /}, the privacy policy, the contact and abuse forms), which the operator's
     * pages link to, is left to the site's own browser tests: this walk is about the app's layout.
     */
    private static boolean isPage(String address) {
        String path = address.replaceAll("\\?.*$", "");
        return !path.isEmpty() && !path.equals("/") && !path.startsWith("/privacy") && !path.startsWith("/contact")
                && !path.startsWith("/abuse") && !path.startsWith("/api/") && !path.startsWith("/s/") && !path.endsWith(".csv")
                && !path.endsWith(".json") && !path.endsWith(".html") && !path.endsWith("/progress")
                && !path.endsWith("/termination/export")
                && !path.startsWith("/logout") && !path.startsWith("/webjars/") && !path.startsWith("/css/")
                && !path.startsWith("/js/") && !path.startsWith("/favicon");
    }

    private static void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.move(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
