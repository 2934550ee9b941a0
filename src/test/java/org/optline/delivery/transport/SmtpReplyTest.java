package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optline.delivery.transport.SmtpReply.Verdict;

/**
 * What a reply means for its recipient: above all, whether a 5xx suppresses the address (a hard
 * bounce), fails only the message, or blames the sender and pauses the campaign instead.
 */
class SmtpReplyTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                // reply                                                           verdict
                Arguments.of(SmtpReply.ACCEPTED,                                   Verdict.DELIVERED),
                Arguments.of(SmtpReply.parse(250, "2.0.0 Ok: queued as 4711"),     Verdict.DELIVERED),
                Arguments.of(SmtpReply.parse(251, "user not local; will forward"), Verdict.DELIVERED),
                Arguments.of(SmtpReply.NOT_SENT,                                   Verdict.NOT_SENT),
                Arguments.of(SmtpReply.parse(354, "go ahead"),                     Verdict.DEFERRED),
                Arguments.of(SmtpReply.parse(421, "4.3.2 service shutting down"),  Verdict.DEFERRED),
                Arguments.of(SmtpReply.parse(450, "mailbox busy"),                 Verdict.DEFERRED),
                Arguments.of(SmtpReply.parse(451, "4.7.1 greylisted, try again"),  Verdict.DEFERRED),
                Arguments.of(SmtpReply.parse(452, "4.2.2 mailbox full"),           Verdict.DEFERRED),
                Arguments.of(SmtpReply.connectionFault("connection reset"),        Verdict.DEFERRED),
                Arguments.of(SmtpReply.unreachable("Connection refused"),          Verdict.DEFERRED),
                Arguments.of(SmtpReply.ALL_CONNECTIONS_BUSY,                       Verdict.DEFERRED),
                Arguments.of(SmtpReply.parse(550, "5.1.1 <x@example.com>: user unknown"), Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(550, "no such user here"),            Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(551, "5.1.6 mailbox has moved"),      Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(552, "5.2.2 mailbox full"),           Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 recipient not authorized"), Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 mailbox unavailable"),    Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 user unknown"),           Verdict.BOUNCED),
                Arguments.of(SmtpReply.parse(552, "5.2.3 message too big for the mailbox"), Verdict.REJECTED),
                Arguments.of(SmtpReply.parse(554, "5.3.4 message too big for system"), Verdict.REJECTED),
                Arguments.of(SmtpReply.parse(550, "5.6.0 malformed content"),      Verdict.REJECTED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 message refused as spam"), Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 recipient blocked by policy"), Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.7.1 mailbox: poor reputation"), Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.7.25 reverse DNS required"),  Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.7.26 DMARC policy failed"),   Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.7.0 listed at a blocklist"),  Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(550, "5.1.7 bad sender address syntax"), Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.parse(553, "5.1.8 sender domain does not exist"), Verdict.SENDER_BLOCKED),
                Arguments.of(SmtpReply.relayRefused("EHLO refused: 554 go away"),  Verdict.SENDER_BLOCKED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("replies")
    void eachReplyHasItsVerdict(SmtpReply reply, Verdict verdict) {
        assertThat(reply.verdict()).isEqualTo(verdict);
    }

    static Stream<Arguments> whoAnswered() {
        return Stream.of(
                // reply                                                  relay refused us  unreachable  a server answered
                Arguments.of(SmtpReply.relayRefused("TLS failed"),        true,             false,       true),
                Arguments.of(SmtpReply.parse(554, "5.7.0 the relay refused the connection: x"), true, false, true),
                Arguments.of(SmtpReply.parse(554, "5.7.0 access denied"), false,            false,       true),
                Arguments.of(SmtpReply.unreachable(null),                 false,            true,        false),
                Arguments.of(SmtpReply.ALL_CONNECTIONS_BUSY,              false,            false,       false),
                Arguments.of(SmtpReply.NOT_SENT,                          false,            false,       false),
                Arguments.of(SmtpReply.connectionFault(null),             false,            false,       true),
                Arguments.of(SmtpReply.parse(451, "4.7.1 greylisted"),    false,            false,       true),
                Arguments.of(SmtpReply.ACCEPTED,                          false,            false,       true));
    }

    @ParameterizedTest(name = "{0}: refused {1}, unreachable {2}, answered {3}")
    @MethodSource("whoAnswered")
    void theRelaysOwnFaultsAreToldApartFromServersReplies(SmtpReply reply, boolean refusedUs, boolean unreachable,
                                                          boolean answered) {
        assertThat(reply.relayRefusedUs()).isEqualTo(refusedUs);
        assertThat(reply.relayUnreachable()).isEqualTo(unreachable);
        assertThat(reply.serverAnswered()).isEqualTo(answered);
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(550, "5.1.1 <x@example.com>: user unknown", "5.1.1", "<x@example.com>: user unknown"),
                Arguments.of(451, "  4.7.1   greylisted  ", "4.7.1", "greylisted"),
                Arguments.of(550, "no enhanced code", null, "no enhanced code"),
                Arguments.of(550, "5.1.1x not a code", null, "5.1.1x not a code"),
                Arguments.of(550, "3.1.1 not a class", null, "3.1.1 not a class"),
                Arguments.of(421, null, null, ""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lines")
    void aLineSplitsIntoItsEnhancedCodeAndText(int code, String line, String enhanced, String text) {
        SmtpReply reply = SmtpReply.parse(code, line);
        assertThat(reply.enhanced()).isEqualTo(enhanced);
        assertThat(reply.text()).isEqualTo(text);
    }
}
