package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.smtp.TestEnvelopes;
import org.optline.delivery.transport.SmtpReply.Verdict;

/**
 * The relay transport sends the next envelope behind the end of the previous message's data when
 * the server offers PIPELINING (RFC 2920), and still gives every envelope the outcome the server's
 * replies say, also when the connection fails between the end of data and the rest of the group.
 */
class PipeliningTest {

    private static SmtpRelayTransport oneConnectionTo(PipeliningPeer peer, Duration timeout) {
        return new SmtpRelayTransport(new DeliveryProperties.Smtp("127.0.0.1", peer.port(), TlsMode.NONE, null, null,
                "pipelining-test", 1, 1000, 0, timeout, null, null));
    }

    private static List<Envelope> to(String... addresses) {
        return Arrays.stream(addresses).map(TestEnvelopes::to).toList();
    }

    private static List<Verdict> verdicts(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> o.reply().verdict()).toList();
    }

    @Test
    void eachNextEnvelopeGoesOutBehindTheEndOfTheDataBefore() throws Exception {
        try (PipeliningPeer peer = new PipeliningPeer(true);
             SmtpRelayTransport transport = oneConnectionTo(peer, Duration.ofSeconds(10))) {
            String[] addresses = IntStream.range(0, 20).mapToObj(i -> "r" + i + "@example.org").toArray(String[]::new);
            List<Outcome> outcomes = transport.send(to(addresses));
            assertThat(verdicts(outcomes)).containsOnly(Verdict.DELIVERED).hasSize(20);
            for (String a : addresses) {
                assertThat(peer.acceptedFor(a)).as(a).isEqualTo(1);
            }
            assertThat(peer.connections()).isEqualTo(1);
            assertThat(peer.pipelinedBehindData()).isEqualTo(19); // all but the last
            // The end of each message's data ended its transaction: no RSET needed before the next
            // MAIL (the peer answers a MAIL inside a transaction with 503, as Postfix does).
            assertThat(peer.resets()).isZero();
        }
    }

    @Test
    void aConnectionPastItsAgeTakesNoFurtherMessageEvenInThePipelinedFlow() throws Exception {
        try (PipeliningPeer peer = new PipeliningPeer(true);
             SmtpRelayTransport transport = oneConnectionTo(peer, Duration.ofSeconds(10))) {
            // Every connection is past its age once it carries a message: each may carry only that one.
            transport.limitReuse(Duration.ofNanos(1), Duration.ofMinutes(1));
            String[] addresses = IntStream.range(0, 5).mapToObj(i -> "aged" + i + "@example.org").toArray(String[]::new);
            assertThat(verdicts(transport.send(to(addresses)))).containsOnly(Verdict.DELIVERED).hasSize(5);
            for (String a : addresses) {
                assertThat(peer.acceptedFor(a)).as(a).isEqualTo(1);
            }
            assertThat(peer.connections()).isEqualTo(5);
            assertThat(peer.pipelinedBehindData()).isZero();
        }
    }

    @Test
    void aRefusedRecipientCostsNeitherTheConnectionNorTheMessagesAround() throws Exception {
        try (PipeliningPeer peer = new PipeliningPeer(true);
             SmtpRelayTransport transport = oneConnectionTo(peer, Duration.ofSeconds(10))) {
            List<Outcome> outcomes = transport.send(to("a@example.org", "hard1@example.org", "b@example.org",
                    "hard2@example.org", "c@example.org"));
            assertThat(verdicts(outcomes)).containsExactly(Verdict.DELIVERED, Verdict.BOUNCED, Verdict.DELIVERED,
                    Verdict.BOUNCED, Verdict.DELIVERED);
            assertThat(outcomes.get(1).reply().code()).isEqualTo(550);
            assertThat(outcomes.get(1).reply().enhanced()).isEqualTo("5.1.1");
            assertThat(peer.connections()).isEqualTo(1);
            assertThat(peer.resets()).as("an RSET after each refusal clears the MAIL it left open").isEqualTo(2);
        }
    }

    /**
     * The peer accepts the data and then either closes the connection ({@code last}) or answers
     * nothing more until the client's timeout ({@code stall}), before the replies to the envelope
     * pipelined behind it.
     */
    @ParameterizedTest
    @CsvSource({"last, 10000", "stall, 1500"})
    void aMessageAcceptedJustBeforeTheConnectionFailsIsDeliveredAndTheOneBehindItIsRetried(String local, long timeoutMillis)
            throws Exception {
        try (PipeliningPeer peer = new PipeliningPeer(true);
             SmtpRelayTransport transport = oneConnectionTo(peer, Duration.ofMillis(timeoutMillis))) {
            String failing = local + "@example.org";
            List<Outcome> outcomes = transport.send(to("a@example.org", failing, "b@example.org", "c@example.org"));
            assertThat(verdicts(outcomes)).containsExactly(Verdict.DELIVERED, Verdict.DELIVERED, Verdict.DEFERRED,
                    Verdict.DELIVERED);
            assertThat(peer.acceptedFor(failing)).isEqualTo(1);
            assertThat(peer.acceptedFor("b@example.org")).isZero();
            assertThat(peer.connections()).isEqualTo(2); // c went over a new one
        }
    }

    @Test
    void aServerWithoutPipeliningGetsOneCommandAtATime() throws Exception {
        try (PipeliningPeer peer = new PipeliningPeer(false);
             SmtpRelayTransport transport = oneConnectionTo(peer, Duration.ofSeconds(10))) {
            List<Outcome> outcomes = transport.send(to("a@example.org", "hard@example.org", "b@example.org"));
            assertThat(verdicts(outcomes)).containsExactly(Verdict.DELIVERED, Verdict.BOUNCED, Verdict.DELIVERED);
            assertThat(peer.pipelinedBehindData()).isZero();
            assertThat(peer.acceptedFor("b@example.org")).isEqualTo(1);
        }
    }
}
