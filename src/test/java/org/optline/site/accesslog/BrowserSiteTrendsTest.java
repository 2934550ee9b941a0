package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.platform.TenantScope;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator's site trends in a browser at 1400 and 390 px under the strict CSP: the browser's
 * own visit to the home page shows up, the charts are drawn from the JSON, the tables hold the
 * figures, nothing is logged to the console and nothing scrolls sideways.
 */
class BrowserSiteTrendsTest extends BrowserTest {

    @Autowired AccessLogWriter writer;
    @Autowired AccessLogStore store;
    @Autowired TenantScope scope;

    @Test
    void theTrendsPageDrawsItsChartsAtBothWidths() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<AccessEntry> earlier = new ArrayList<>();
        for (int day = 1; day < 20; day++) {
            for (int i = 0; i < day % 5 + 1; i++) {
                earlier.add(new AccessEntry(today.minusDays(day).atTime(10, i).atOffset(ZoneOffset.UTC), "GET",
                        i % 2 == 0 ? "/" : "/s/unsubscribe/{token}", i == 3 ? 404 : 200, 1200 + i, i == 1 ? "news.example.org" : null,
                        i % 2 == 0 ? "Firefox" : "Mobile Safari", "198.51.100." + (i * 8 % 256 / 8 * 8)));
            }
        }
        scope.asPlatform(() -> store.insert(earlier));
        browser.get(url("/"));
        writer.flush();

        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.urlContains("/operator"));
        browser.manage().logs().get(LogType.BROWSER); // what the site's pages logged is not this page's
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1400, 390)) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url("/operator/site-trends"));
            wait.until(ExpectedConditions.attributeToBe(By.id("site-trends"), "data-charts", "drawn"));
            for (String chart : List.of("requests-chart", "bytes-chart", "status-chart", "browsers-chart", "pages-chart")) {
                assertThat(browser.findElement(By.id(chart)).getAttribute("data-drawn")).as(chart).isEqualTo("true");
                Long drawnWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                        "return document.getElementById(arguments[0]).chart.width;", chart);
                assertThat(drawnWidth).as(chart + " width").isPositive();
            }
            assertThat(browser.findElement(By.id("browsers-table")).getText()).contains("HeadlessChrome", "Firefox", "Mobile Safari");
            assertThat(browser.findElement(By.id("pages-table")).getText()).contains("/s/unsubscribe/{token}");
            assertThat(browser.findElement(By.id("referrers-table")).getText()).contains("news.example.org");
            assertThat(browser.findElement(By.id("days-table")).getText()).contains(today.toString());
            assertThat(browser.findElement(By.id("trends-export")).getAttribute("href"))
                    .endsWith("/operator/site-trends/export.csv?from=" + today.minusDays(29) + "&to=" + today);
            problems.addAll(problemsOn("/operator/site-trends", width));
        }
        assertThat(problems).isEmpty();
    }
}
