package org.optline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.TlsMode;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.optline.delivery.transport.SmtpReply;

/**
 * The relay's connection limit holds for the whole transport, however many lanes send at once, and
 * a connection one batch frees goes to another batch still under way; connections are replaced
 * past their age and closed when idle too long (STANDARDS 32).
 */
class RelayConnectionLimitTest {

    @Test
    void threeLanesSendingAtOnceNeverUseMoreThanTheConnectionLimit() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.everyMessageMillis(30);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 2, Duration.ofSeconds(10)))) {
                List<List<Envelope>> batches = new ArrayList<>();
                for (int lane = 0; lane < 3; lane++) {
                    List<Envelope> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(TestEnvelopes.to("l" + lane + "-" + i + "@example.org"));
                    }
                    batches.add(batch);
                }
                assertThat(TestEnvelopes.sendAtOnce(transport, batches)).allSatisfy(outcomes -> assertThat(outcomes).hasSize(10)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED)));
            }
            assertThat(peer.totalAccepted()).isEqualTo(30);
            assertThat(peer.mostAtOnce()).isBetween(1, 2);
        }
    }

    @Test
    void aBatchThatStartedOnOneConnectionTakesTheOneAnotherBatchFrees() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.slowMillis(1000);
            peer.everyMessageMillis(50);
            peer.watch(Set.of("long.example"));
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 2, Duration.ofSeconds(20)))) {
                // One slow message holds one of the two connections for about a second ...
                var slow = CompletableFuture.supplyAsync(
                        () -> transport.send(List.of(TestEnvelopes.to("slow1@short.example")), () -> false));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peer.mostAtOnce() >= 1);
                // ... so a batch of 60 starting now gets the other one only: alone it would take
                // 60 x 50 ms = 3 s, and it is still going when the slow message's connection frees.
                List<Envelope> batch = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    batch.add(TestEnvelopes.to("r" + i + "@long.example"));
                }
                assertThat(transport.send(batch, () -> false)).hasSize(60)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
                assertThat(slow.get()).singleElement().satisfies(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
            }
            assertThat(peer.totalAccepted()).isEqualTo(61);
            assertThat(peer.mostAtOnceToWatched()).as("the batch of 60 went on over both connections once one was free")
                    .isEqualTo(2);
        }
    }

    @Test
    void nodesSharingTheRelayDivideItsConnectionLimit() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.everyMessageMillis(20);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 4, Duration.ofSeconds(10)))) {
                AtomicInteger nodes = sharedBy(transport, 2);
                assertThat(TestEnvelopes.sendAtOnce(transport, threeBatches("two", 10))).allSatisfy(outcomes -> assertThat(outcomes)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED)));
                assertThat(peer.mostConnectionsAtOnce()).as("half of the relay's 4 for each of two nodes").isEqualTo(2);

                nodes.set(1); // the other node stopped: this one may use all four
                TestEnvelopes.sendAtOnce(transport, threeBatches("one", 20));
                assertThat(peer.mostAtOnce()).as("more than two messages in DATA at once").isGreaterThan(2);
                assertThat(peer.openConnections()).as("kept in the pool").isGreaterThan(2);

                // Four nodes now, and nothing sending: the pool closes what is over one.
                nodes.set(4);
                transport.trimToShare();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peer.openConnections() == 1);
                TestEnvelopes.sendAtOnce(transport, threeBatches("four", 10));
                assertThat(peer.openConnections()).isEqualTo(1);
                assertThat(peer.totalAccepted()).isEqualTo(30 + 60 + 30);
            }
        }
    }

    @Test
    void lanesOverAShareThatShrankLeaveTheirBatchMidway() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer()) {
            peer.everyMessageMillis(40);
            try (SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 4, Duration.ofSeconds(30)))) {
                AtomicInteger nodes = sharedBy(transport, 1);
                List<Envelope> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    batch.add(TestEnvelopes.to("m" + i + "@example.org"));
                }
                var sending = CompletableFuture.supplyAsync(() -> transport.send(batch, () -> false));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peer.totalAccepted() >= 20);
                assertThat(peer.openConnections()).as("alone: four lanes").isEqualTo(4);
                // Four nodes now: one connection for this node. On four lanes the rest of the
                // batch would take about 1.8 s more; the lanes over the share leave after the
                // message they are on, so the connections close long before the batch is done.
                nodes.set(4);
                Awaitility.await().atMost(Duration.ofMillis(1000)).until(() -> peer.openConnections() <= 1);
                assertThat(sending).as("the batch goes on, over one connection").isNotDone();
                assertThat(sending.get()).hasSize(200)
                        .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
                assertThat(peer.totalAccepted()).isEqualTo(200);
            }
        }
    }

    @Test
    void aConnectionOlderThanTheReuseLimitIsReplacedAndItsSuccessorCarriesOn() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer();
             SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 1, Duration.ofSeconds(10)))) {
            Duration reuse = Duration.ofSeconds(1);
            transport.limitReuse(reuse, Duration.ofMinutes(1));
            assertThat(transport.send(List.of(TestEnvelopes.to("first@example.org")), () -> false))
                    .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));
            assertThat(peer.connectionsOpened()).isEqualTo(1);

            Thread.sleep(reuse.toMillis() + 100); // the pooled connection is past its age now
            assertThat(transport.send(List.of(TestEnvelopes.to("second@example.org")), () -> false))
                    .allSatisfy(o -> assertThat(o.reply().verdict()).isEqualTo(SmtpReply.Verdict.DELIVERED));

            assertThat(peer.connectionsOpened()).as("a new connection for the second batch").isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> peer.openConnections() == 1);
            assertThat(peer.totalAccepted()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionIdleInThePoolLongerThanTheIdleLimitIsClosed() throws Exception {
        try (FaultySmtpPeer peer = new FaultySmtpPeer();
             SmtpRelayTransport transport = new SmtpRelayTransport(settings(peer, 1, Duration.ofSeconds(10)))) {
            Duration idle = Duration.ofSeconds(3);
            transport.limitReuse(Duration.ofMinutes(5), idle);
            transport.send(List.of(TestEnvelopes.to("once@example.org")), () -> false);
            transport.trimToShare();
            assertThat(transport.openConnections()).as("just pooled: kept").isEqualTo(1);

            Thread.sleep(idle.toMillis() + 100);
            transport.trimToShare(); // as the worker does every two seconds

            assertThat(transport.openConnections()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> peer.openConnections() == 0);
        }
    }

    /** A relay at the peer with this many connections and this timeout. */
    private static DeliveryProperties.Smtp settings(FaultySmtpPeer peer, int connections, Duration timeout) {
        return new DeliveryProperties.Smtp("127.0.0.1", peer.port(), TlsMode.NONE, null, null, "limit-test", connections, 1000, 0,
                timeout, null, null);
    }

    /** The number of nodes sharing the transport's relay, for the test to change. */
    private static AtomicInteger sharedBy(SmtpRelayTransport transport, int nodes) {
        AtomicInteger count = new AtomicInteger(nodes);
        transport.shareLimitsWith(count::get);
        return count;
    }

    private static List<List<Envelope>> threeBatches(String name, int each) {
        List<List<Envelope>> batches = new ArrayList<>();
        for (int lane = 0; lane < 3; lane++) {
            List<Envelope> batch = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                batch.add(TestEnvelopes.to(name + lane + "-" + i + "@example.org"));
            }
            batches.add(batch);
        }
        return batches;
    }
}
