package org.optline.analytics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signatures as the Standard Webhooks specification defines them, and the retry schedule. */
class WebhookSignatureTest {

    /** The example the specification's reference libraries test against. */
    @Test
    void signsTheSpecificationsExampleAsItsLibrariesDo() {
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytesThatVerifyIndependently() throws Exception {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        assertThat(key).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);

        String body = "{\"type\":\"opened\",\"data\":{\"é\":\"ü\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(("id-1.1700000000." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.sign(secret, "id-1", 1700000000L, body)).isEqualTo("v1," + expected);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLongestWait() {
        WebhookProperties settings = new WebhookProperties(false, 1000, 50, 8, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofDays(30));
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(settings.backoff(9)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.backoff(500)).isEqualTo(Duration.ofHours(2));
    }
}
