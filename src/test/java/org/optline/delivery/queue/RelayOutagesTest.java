package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;

class RelayOutagesTest {

    private final RelayOutages outages = new RelayOutages(
            new DeliveryProperties.Retry(Duration.ofMinutes(2), Duration.ofHours(2), Duration.ofDays(3), Duration.ofMinutes(30)));
    /** Only its identity matters here: outages are kept per transport. */
    private final MailTransport relay = new MailTransport() {
        public List<Outcome> send(List<Envelope> batch) {
            throw new UnsupportedOperationException();
        }

        public boolean transactional() {
            return false;
        }

        public String describe() {
            return "a relay";
        }
    };
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");

    private static List<Outcome> all(SmtpReply reply) {
        return List.of(new Outcome(UUID.randomUUID(), reply), new Outcome(UUID.randomUUID(), reply));
    }

    private static final List<Outcome> DOWN = all(SmtpReply.unreachable("Connection refused"));

    @Test
    void anOutagePausesOnceItHasLastedLongEnoughAndNotBefore() {
        assertThat(outages.pauseReason(relay, false, DOWN, t0)).isNull();
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofMinutes(16)))).isNull();
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofMinutes(30))))
                .contains("Your SMTP relay could not be reached since 2026-11-29T10:00:00Z").contains("Connection refused");
    }

    @Test
    void aServerThatAnsweredEndsTheOutageButBusyConnectionsAndUnsentOnesDoNot() {
        outages.pauseReason(relay, false, DOWN, t0);
        outages.pauseReason(relay, false, all(SmtpReply.ALL_CONNECTIONS_BUSY), t0.plus(Duration.ofMinutes(5)));
        outages.pauseReason(relay, false, all(SmtpReply.NOT_SENT), t0.plus(Duration.ofMinutes(6)));
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofMinutes(31)))).isNotNull();

        outages.pauseReason(relay, false, all(SmtpReply.connectionFault("421 too busy")), t0.plus(Duration.ofMinutes(32)));
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofMinutes(40)))).isNull(); // a new outage
    }

    @Test
    void aSilenceLongerThanAnyRetryForgetsAnOldOutage() {
        outages.pauseReason(relay, false, DOWN, t0);
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofDays(7)))).isNull();
        assertThat(outages.pauseReason(relay, false, DOWN, t0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(30)))).isNotNull();
    }

    @Test
    void aRefusalIsExplainedToTheClientWithoutThePlatformRelaysDetails() {
        SmtpReply auth = SmtpReply.relayRefused("AUTH refused: 535 5.7.8 relay.internal.example: bad credentials");
        assertThat(Settlement.blockedNote(true, auth)).startsWith("The platform's SMTP relay refused our connection")
                .doesNotContain("relay.internal.example");
        assertThat(Settlement.blockedNote(false, auth)).startsWith("Your SMTP relay refused the connection")
                .contains("bad credentials");
        assertThat(Settlement.blockedNote(true, SmtpReply.parse(550, "5.7.1 poor reputation")))
                .isEqualTo("The receiving server refused the sender: 550 5.7.1 poor reputation");
    }

    @Test
    void thePlatformsRelayIsNotNamedToTheClient() {
        outages.pauseReason(relay, true, DOWN, t0);
        assertThat(outages.pauseReason(relay, true, DOWN, t0.plus(Duration.ofHours(1))))
                .startsWith("The platform's SMTP relay could not be reached").doesNotContain("Connection refused");
    }
}
