package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;

/**
 * What each kind of transport outcome settles to: the row it becomes, whether its address is
 * dead, whether the claim goes back to the queue, and why the campaign pauses (as a client with
 * its own relay reads it, and as one sending through the platform's relay reads it).
 */
class SettlementTest {

    /** The row an outcome becomes. */
    enum Row { SENT, NOT_SENT, DEFERRED, FAILED, NONE }

    static final String SENDER_REFUSED = "The receiving server refused the sender: ";

    static Stream<Arguments> outcomes() {
        SmtpReply relayRefused = SmtpReply.relayRefused("AUTH refused: 535 5.7.8 bad credentials");
        return Stream.of(
                // reply                                                  row            dead   back   client's pause / platform's pause
                row(SmtpReply.ACCEPTED,                                   Row.SENT,      false, false, null, null),
                row(SmtpReply.parse(250, "2.0.0 queued as 4711"),         Row.SENT,      false, false, null, null),
                row(SmtpReply.NOT_SENT,                                   Row.NOT_SENT,  false, true,  null, null),
                row(SmtpReply.parse(451, "4.7.1 greylisted, try later"),  Row.DEFERRED,  false, false, null, null),
                row(SmtpReply.connectionFault("read timed out"),          Row.DEFERRED,  false, false, null, null),
                row(SmtpReply.ALL_CONNECTIONS_BUSY,                       Row.DEFERRED,  false, false, null, null),
                row(SmtpReply.unreachable("Connection refused"),          Row.DEFERRED,  false, false, null, null),
                row(SmtpReply.parse(550, "5.1.1 <x@example.com>: user unknown"), Row.FAILED, true, false, null, null),
                row(SmtpReply.parse(550, "no such user"),                 Row.FAILED,    true,  false, null, null),
                row(SmtpReply.parse(550, "5.7.1 recipient not authorized"), Row.FAILED,  true,  false, null, null),
                row(SmtpReply.parse(552, "5.3.4 message too big"),        Row.FAILED,    false, false, null, null),
                row(SmtpReply.parse(554, "5.6.0 the message could not be built: bad header"), Row.FAILED, false, false, null, null),
                row(SmtpReply.parse(552, "5.2.3 too big for the mailbox"), Row.FAILED,   false, false, null, null),
                row(SmtpReply.parse(550, "5.7.1 message refused as spam"), Row.NONE,     false, true,
                        SENDER_REFUSED + "550 5.7.1 message refused as spam", SENDER_REFUSED + "550 5.7.1 message refused as spam"),
                row(SmtpReply.parse(553, "5.1.8 sender domain does not exist"), Row.NONE, false, true,
                        SENDER_REFUSED + "553 5.1.8 sender domain does not exist",
                        SENDER_REFUSED + "553 5.1.8 sender domain does not exist"),
                row(relayRefused,                                         Row.NONE,      false, true,
                        "Your SMTP relay refused the connection: " + relayRefused,
                        "The platform's SMTP relay refused our connection; the operator has to fix its settings. "
                                + "Resume the campaign once that is done."));
    }

    private static Arguments row(SmtpReply reply, Row row, boolean dead, boolean handBack, String clientsPause,
                                 String platformsPause) {
        return Arguments.of(reply, row, dead, handBack, clientsPause, platformsPause);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("outcomes")
    void eachOutcomeSettlesToItsRow(SmtpReply reply, Row row, boolean dead, boolean handBack, String clientsPause,
                                    String platformsPause) {
        UUID id = UUID.randomUUID();
        Settlement s = Settlement.of(List.of(new Outcome(id, reply)));

        assertThat(s.sent()).isEqualTo(row == Row.SENT ? List.of(id) : List.of());
        assertThat(s.notSent()).isEqualTo(row == Row.NOT_SENT ? List.of(id) : List.of());
        assertThat(s.deferred()).extracting(Outcome::subscriberId).isEqualTo(row == Row.DEFERRED ? List.of(id) : List.of());
        assertThat(s.failed()).isEqualTo(row == Row.FAILED ? List.of(new SendQueueStore.Failure(id, reply.toString())) : List.of());
        assertThat(s.bounced()).extracting(Outcome::subscriberId).isEqualTo(dead ? List.of(id) : List.of());
        assertThat(s.handBack()).isEqualTo(handBack);
        assertThat(s.pauseReason(false)).isEqualTo(clientsPause);
        assertThat(s.pauseReason(true)).isEqualTo(platformsPause);
    }

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void aMixedBatchKeepsItsOrderAndBecomesTheRowsToWrite() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        UUID skipped = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        SmtpReply unknown = SmtpReply.parse(550, "5.1.1 user unknown");
        SmtpReply tooBig = SmtpReply.parse(552, "5.3.4 too big");
        SmtpReply grey = SmtpReply.parse(451, "4.7.1 greylisted");
        Settlement s = Settlement.of(List.of(new Outcome(a, unknown), Outcome.delivered(b), new Outcome(c, grey),
                new Outcome(d, tooBig), new Outcome(e, grey)));

        // Attempts so far: c twice, e never; the next wait is a minute per attempt, this one included.
        var deferrals = s.deferrals(Map.of(c, 2), NOW, attempt -> Duration.ofMinutes(attempt));
        assertThat(s.deferredIds()).containsExactly(c, e);
        assertThat(deferrals).containsExactly(
                new SendQueueStore.Deferral(c, grey.toString(), NOW.plusMinutes(3)),
                new SendQueueStore.Deferral(e, grey.toString(), NOW.plusMinutes(1)));

        var rows = s.rows(List.of(skipped), deferrals, List.of(later), NOW.plusSeconds(5));
        assertThat(rows).isEqualTo(new SendQueueStore.Settlement(List.of(b), List.of(skipped), deferrals,
                List.of(new SendQueueStore.Failure(a, unknown.toString()), new SendQueueStore.Failure(d, tooBig.toString())),
                List.of(later), NOW.plusSeconds(5), false));
        assertThat(s.bounced()).extracting(Outcome::subscriberId).containsExactly(a);
        assertThat(s.pauseReason(false)).isNull();
    }

    @Test
    void oneRefusalOfTheSenderHandsTheWholeClaimBackAndPauses() {
        UUID sent = UUID.randomUUID();
        SmtpReply spam = SmtpReply.parse(550, "5.7.1 message refused as spam");
        Settlement s = Settlement.of(List.of(Outcome.delivered(sent), new Outcome(UUID.randomUUID(), spam)));

        assertThat(s.sent()).containsExactly(sent);
        assertThat(s.senderBlocked()).isEqualTo(spam);
        assertThat(s.rows(List.of(), List.of(), List.of(), NOW).handBack()).isTrue();
        assertThat(s.pauseReason(false)).isEqualTo(SENDER_REFUSED + spam);
    }
}
