package org.optline.audience.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.platform.Clients;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The import wizard in a real browser: a client admin creates a list and a field, uploads a CSV,
 * maps the columns, attests the opt-in, watches the progress bar finish (htmx polling), and finds
 * the people and their consent record.
 */
class BrowserImportTest extends BrowserTest {


    @Autowired Clients clients;




    @Test
    void uploadMapAttestAndWatchTheImportFinish() throws Exception {
        var client = Fixtures.client(clients, "Browser Garden");
        logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(browser.findElement(By.id("dashboard-title")).getText()).isEqualTo("Browser Garden");

        browser.get(url("/audience/lists"));
        browser.findElement(By.id("list-name")).sendKeys("Seed catalogue");
        browser.findElement(By.id("create-list")).click();
        // Each POST redirects to a page that has the same table as the page it left: wait for the
        // new content rather than reading the old page's element.
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lists"), "Seed catalogue"));

        browser.get(url("/audience/fields"));
        browser.findElement(By.id("field-key")).sendKeys("plants");
        browser.findElement(By.id("field-label")).sendKeys("Favourite plants");
        new Select(browser.findElement(By.id("field-type"))).selectByValue("multi");
        browser.findElement(By.id("create-field")).click();
        // Wait for the redirect after the POST before navigating on, or the navigation races it.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fields-table"), "Favourite plants"));

        StringBuilder csv = new StringBuilder("Email;Full name;Favourite plants;Shoe size\n");
        for (int i = 0; i < 4000; i++) {
            csv.append("gardener").append(i).append("@seedmail.de;Gardener ").append(i).append(";\"roses;ferns\";42\n");
        }
        csv.append("not an address;Nobody;;\n");
        Path file = Files.createTempFile("garden", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        browser.get(url("/audience/imports"));
        browser.findElement(By.id("import-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.urlContains("/columns"));

        assertThat(new Select(browser.findElement(By.id("column_0"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("email");
        assertThat(new Select(browser.findElement(By.id("column_1"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("name");
        assertThat(new Select(browser.findElement(By.id("column_2"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("plants");
        assertThat(new Select(browser.findElement(By.id("column_3"))).getFirstSelectedOption().getAttribute("value")).isEmpty();
        browser.findElement(By.id("attestation")).sendKeys("Signed up at our spring fair, 2026, on paper forms");
        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.id("start-import")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-status")));

        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBe(By.id("import-status"), "done"));
        assertThat(browser.findElement(By.id("rows-imported")).getText()).isEqualTo("4000");
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-errors")).getText()).contains("4002").contains("not an address");

        browser.get(url("/audience/subscribers?q=gardener17@seedmail.de"));
        browser.findElement(By.linkText("gardener17@seedmail.de")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger"), "spring fair"));
        assertThat(browser.findElement(By.id("ledger")).getText()).contains("imported");
    }
}
