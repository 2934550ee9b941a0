package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.smtp.DefaultSmtpResponse;
import io.netty.handler.codec.smtp.SmtpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optline.delivery.transport.PipelinedReplies.Reading;
import org.optline.delivery.transport.PipelinedReplies.Write;

/**
 * Every reply sequence a relay lane reads, without a server: what went out in one write, the
 * replies that came back in order (and whether the connection was lost before all came), and what
 * that means for the message whose data the write ended, the envelope it started, and the
 * connection. Replies are written {@code code text}, separated by {@code ;}.
 */
class PipelinedRepliesTest {

    @ParameterizedTest(name = "{0}: {1}{2} -> {3} | {4} | {5}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # sent         | replies                                          | lost  | message ended                | envelope started                     | connection
            # A fresh connection: MAIL, RCPT, DATA.
            ENVELOPE       | 250;250;354                                      | false | -                            | data follows                         | keep
            ENVELOPE       | 553 5.1.8 sender refused;503;503                 | false | -                            | 553 5.1.8 sender refused             | keep
            ENVELOPE       | 451 4.7.1 try later;503;503                      | false | -                            | 451 4.7.1 try later                  | close
            ENVELOPE       | 250;550 5.1.1 user unknown;554 5.5.1 no recipients | false | -                          | 550 5.1.1 user unknown               | keep
            ENVELOPE       | 250;452 4.5.3 too many recipients;554 5.5.1 no recipients | false | -                   | 452 4.5.3 too many recipients        | close
            ENVELOPE       | 250;450 4.2.0 greylisted;554 5.5.1 no recipients | false | -                            | 450 4.2.0 greylisted                 | close
            ENVELOPE       | 250;250;554 5.7.1 refused                        | false | -                            | 554 5.7.1 refused                    | keep
            ENVELOPE       | 250;250;451 4.3.0 busy                           | false | -                            | 451 4.3.0 busy                       | close
            ENVELOPE       | 250;550 5.1.1 user unknown;354                   | false | -                            | 550 5.1.1 user unknown               | close
            ENVELOPE       | 421 4.3.2 closing;421 4.3.2 closing;421 4.3.2 closing | false | -                       | 421 4.3.2 closing                    | close
            ENVELOPE       | 421 4.3.2 closing                                | true  | -                            | no reply                             | close
            ENVELOPE       | 250;250;250                                      | false | -                            | 421 4.4.2 unexpected reply to DATA: 250 | close
            ENVELOPE       | 250;250;354                                      | true  | -                            | 421 4.4.2 the connection failed before the data was sent | close
            ENVELOPE       | 250                                              | true  | -                            | no reply                             | close
            ENVELOPE       |                                                  | true  | -                            | no reply                             | close
            ENVELOPE       | 250;250                                          | false | -                            | no reply                             | close
            # A connection that carried a message before: RSET, MAIL, RCPT, DATA.
            RESET_ENVELOPE | 250;250;250;354                                  | false | -                            | data follows                         | keep
            RESET_ENVELOPE | 250;250;550 5.1.1 user unknown;554 5.5.1 no recipients | false | -                      | 550 5.1.1 user unknown               | keep
            RESET_ENVELOPE | 500 5.5.1 unknown command;250;250;354            | false | -                            | 500 5.5.1 unknown command            | close
            RESET_ENVELOPE | 554 5.5.1 no;503;503;503                         | false | -                            | 554 5.5.1 no                         | close
            RESET_ENVELOPE | 250;250;250                                      | true  | -                            | no reply                             | close
            # The end of one message's data, then MAIL, RCPT, DATA of the next.
            DATA_ENVELOPE  | 250 queued;250;250;354                           | false | 250 2.0.0 accepted           | data follows                         | keep
            DATA_ENVELOPE  | 250 queued                                       | true  | 250 2.0.0 accepted           | no reply                             | close
            DATA_ENVELOPE  | 250 queued;250;550 5.1.1 user unknown;554 5.5.1 no recipients | false | 250 2.0.0 accepted | 550 5.1.1 user unknown           | keep
            DATA_ENVELOPE  | 250 queued;250;452 4.5.3 too many recipients;554 5.5.1 no recipients | false | 250 2.0.0 accepted | 452 4.5.3 too many recipients | close
            DATA_ENVELOPE  | 554 5.7.1 spam;250;250;354                       | false | 554 5.7.1 spam               | data follows                         | keep
            DATA_ENVELOPE  | 552 5.3.4 too big;250;550 5.1.1 user unknown;554 5.5.1 no recipients | false | 552 5.3.4 too big | 550 5.1.1 user unknown  | keep
            DATA_ENVELOPE  | 451 4.3.0 busy;250;250;354                       | false | 451 4.3.0 busy               | 421 4.4.2 the connection failed before the data was sent | close
            DATA_ENVELOPE  | 421 4.3.2 closing                                | true  | 421 4.3.2 closing            | no reply                             | close
            DATA_ENVELOPE  |                                                  | true  | no reply                     | no reply                             | close
            DATA_ENVELOPE  | 354;250;250;354                                  | false | 421 4.4.2 unexpected reply to the end of data: 354 | 421 4.4.2 the connection failed before the data was sent | close
            # The end of a message's data alone (nothing may start behind it).
            DATA           | 250 queued                                       | false | 250 2.0.0 accepted           | -                                    | keep
            DATA           | 550 5.7.1 spam                                   | false | 550 5.7.1 spam               | -                                    | keep
            DATA           | 452 4.2.2 mailbox full                           | false | 452 4.2.2 mailbox full       | -                                    | close
            DATA           | 250 queued                                       | true  | 250 2.0.0 accepted           | -                                    | close
            DATA           |                                                  | true  | no reply                     | -                                    | close
            DATA           | 354                                              | false | 421 4.4.2 unexpected reply to the end of data: 354 | -              | close
            """)
    void eachWriteIsReadAsTheLaneRecordsIt(Write sent, String replies, boolean lost, String ended, String envelope,
                                           String connection) {
        Reading reading = PipelinedReplies.read(sent, parse(replies), lost);
        assertThat(describe(sent, reading)).isEqualTo(List.of(ended, envelope, connection));
    }

    /** A relay without PIPELINING: NioSmtpClient's own send, one command at a time, stopping at the first refusal. */
    @ParameterizedTest(name = "{0} -> {1} | {2}")
    @CsvSource(delimiter = '|', textBlock = """
            250;250;354;250 queued                  | 250 2.0.0 accepted     | keep
            250;550 5.1.1 user unknown              | 550 5.1.1 user unknown | close
            553 5.1.8 sender refused                | 553 5.1.8 sender refused | close
            250;452 4.5.3 too many recipients       | 452 4.5.3 too many recipients | close
            250;250;451 4.3.0 busy                  | 451 4.3.0 busy         | close
            250;250;354;554 5.7.1 spam              | 554 5.7.1 spam         | close
            250;250;354;421 4.3.2 closing           | 421 4.3.2 closing      | close
            """)
    void oneAtATimeKeepsTheConnectionOnlyAfterAnAcceptedMessage(String replies, String outcome, String connection) {
        Reading reading = PipelinedReplies.oneAtATime(parse(replies));
        assertThat(List.of(String.valueOf(reading.ended()), reading.keepsConnection() ? "keep" : "close"))
                .isEqualTo(List.of(outcome, connection));
    }

    /** The hot path allocates nothing: an accepted message with the next one's data following is one shared answer. */
    @Test
    void theCommonAnswersAreShared() {
        assertThat(PipelinedReplies.read(Write.DATA_ENVELOPE, parse("250 queued;250;250;354"), false))
                .isSameAs(PipelinedReplies.read(Write.DATA_ENVELOPE, parse("250 queued;250;250;354"), false));
        assertThat(PipelinedReplies.read(Write.ENVELOPE, parse("250;250;354"), false))
                .isSameAs(PipelinedReplies.read(Write.RESET_ENVELOPE, parse("250;250;250;354"), false));
        assertThat(PipelinedReplies.read(Write.DATA, parse("250 queued"), false))
                .isSameAs(PipelinedReplies.oneAtATime(parse("250;250;354;250 queued")));
    }

    @ParameterizedTest(name = "ends data {0}, starts an envelope {1}, after RSET {2}: {3}")
    @CsvSource({
            "false, true, false, ENVELOPE",
            "false, true, true, RESET_ENVELOPE",
            "true, true, false, DATA_ENVELOPE",
            "true, false, false, DATA"})
    void theWriteIsNamedByWhatItCarries(boolean endsData, boolean startsEnvelope, boolean reset, Write expected) {
        assertThat(Write.of(endsData, startsEnvelope, reset)).isEqualTo(expected);
    }

    private static List<SmtpResponse> parse(String replies) {
        if (replies == null) {
            return List.of();
        }
        return Arrays.stream(replies.split(";")).map(r -> {
            String[] parts = r.strip().split(" ", 2);
            int code = Integer.parseInt(parts[0]);
            return parts.length == 1 ? (SmtpResponse) new DefaultSmtpResponse(code)
                    : new DefaultSmtpResponse(code, parts[1]);
        }).toList();
    }

    private static List<String> describe(Write sent, Reading reading) {
        String ended = !sent.endsData ? "-" : reading.ended() == null ? "no reply" : reading.ended().toString();
        String envelope = !sent.startsEnvelope ? "-" : reading.dataFollows() ? "data follows"
                : reading.envelope() == null ? "no reply" : reading.envelope().toString();
        return List.of(ended, envelope, reading.keepsConnection() ? "keep" : "close");
    }
}
