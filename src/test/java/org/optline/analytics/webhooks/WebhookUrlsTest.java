package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where an endpoint may point: the platform's rule for client-given hosts, on a plain http(s) URL. */
class WebhookUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "https://localhost:8443/x", "http://10.0.0.5/", "http://169.254.169.254/latest",
            "https://[::1]/x", "http://[fd00::1]:8080/", "http://192.168.1.1/", "http://[::ffff:10.0.0.1]/"})
    void internalAddressesAreRefusedUnlessAllowed(String url) {
        assertThat(WebhookUrls.problem(url, false)).as(url).hasValueSatisfying(p -> assertThat(p).contains("internal address"));
        assertThat(WebhookUrls.problem(url, true)).as(url + " (internal allowed)").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0x7f.1/", "http://2130706433/", "http://127.1/"})
    void numbersNotWrittenAsADottedQuadAreRefusedEvenWhenInternalIsAllowed(String url) {
        assertThat(WebhookUrls.problem(url, true)).as(url).hasValueSatisfying(p -> assertThat(p).contains("four decimal numbers"));
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAndNoCredentials() {
        assertThat(WebhookUrls.problem("", false)).contains("is required");
        assertThat(WebhookUrls.problem("not a url", false)).hasValueSatisfying(p -> assertThat(p).contains("not a URL"));
        assertThat(WebhookUrls.problem("ftp://hooks.example.com/x", false)).hasValueSatisfying(p -> assertThat(p).contains("https://"));
        assertThat(WebhookUrls.problem("/relative/path", false)).hasValueSatisfying(p -> assertThat(p).contains("https://"));
        assertThat(WebhookUrls.problem("https://user:pw@hooks.example.invalid/x", false))
                .hasValueSatisfying(p -> assertThat(p).contains("user name or password"));
        assertThat(WebhookUrls.problem("https://hooks.example.invalid/x#frag", false)).isPresent();
        assertThat(WebhookUrls.problem("https://" + "a".repeat(2000) + ".invalid/", false))
                .hasValueSatisfying(p -> assertThat(p).contains("longer than"));
        assertThat(WebhookUrls.problem("https://192.0.2.10/hooks?x=1", false)).isEmpty();
        assertThat(WebhookUrls.problem("https://hooks.example.invalid:8443/optline", false)).isEmpty();
    }
}
