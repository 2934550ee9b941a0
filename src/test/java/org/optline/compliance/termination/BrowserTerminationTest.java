package org.optline.compliance.termination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.test.BrowserTest;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator terminates a client on its page in a real Chromium: the form wants a reason and the
 * ticked confirmation, the client is then terminated and the termination's page shows the export
 * with its counts once written, and "Purge now".
 */
class BrowserTerminationTest extends BrowserTest {

    @Autowired Clients clients;
    @Autowired TerminationWorker worker;

    @Test
    void theOperatorTerminatesAClientWithAReasonAndFollowsTheExport() {
        CreatedClient client = Fixtures.client(clients, "Spammy Shop");
        logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/operator/clients"));
        browser.get(url("/operator/clients/" + client.client().id()));
        browser.findElement(By.cssSelector("#terminate-client summary")).click();

        // Without a reason and the tick the browser does not send the form: nothing changes.
        browser.findElement(By.id("terminate")).click();
        assertThat(browser.findElement(By.id("terminate-reason")).getAttribute("validationMessage")).isNotBlank();
        browser.findElement(By.id("terminate-reason")).sendKeys("Sent to bought lists; 2 % complaints");
        browser.findElement(By.id("terminate")).click();
        assertThat(browser.findElement(By.id("terminate-confirm")).getAttribute("validationMessage")).isNotBlank();
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.ACTIVE);

        browser.findElement(By.id("terminate-confirm")).click();
        browser.findElement(By.id("terminate")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/termination"));
        assertThat(clients.standing(client.client().id())).isEqualTo(ClientStatus.TERMINATED);
        assertThat(browser.findElement(By.id("termination-state")).getText()).isEqualTo("exporting");
        assertThat(browser.findElement(By.id("termination-reason")).getText()).isEqualTo("Sent to bought lists; 2 % complaints");
        assertThat(browser.findElement(By.id("export-pending")).isDisplayed()).isTrue();

        worker.runDue();
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("termination-state")).getText()).isEqualTo("export ready");
        assertThat(browser.findElement(By.id("export-counts")).getText()).matches("\\d+ tables, \\d+ rows, \\d+ bytes");
        assertThat(browser.findElement(By.id("export-mailed-to")).getText()).isEqualTo(client.admin().email());
        assertThat(browser.findElement(By.id("export-download")).getAttribute("href")).endsWith("/termination/export");
        assertThat(browser.findElement(By.id("kept-tables")).getText()).contains("audit_log", "erasure_tombstones");

        browser.findElement(By.id("purge-now")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("termination-notice")));
        assertThat(browser.findElement(By.id("purge-status")).getText()).contains("Asked for");
        assertThat(browser.findElements(By.id("purge-now"))).isEmpty();

        // The client's page now links to the termination instead of offering it again.
        browser.get(url("/operator/clients/" + client.client().id()));
        assertThat(browser.findElements(By.id("terminate-client"))).isEmpty();
        assertThat(browser.findElement(By.id("termination-progress")).getAttribute("href"))
                .endsWith("/operator/clients/" + client.client().id() + "/termination");
    }
}
