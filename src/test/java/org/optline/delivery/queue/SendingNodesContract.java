package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optline.platform.TenantScope;
import org.optline.test.StepClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes learn from the database alone how many of them send whose mail, on H2 and PostgreSQL
 * (where the table is the platform scope's only). Each node here is a {@link SendingNodes} of its
 * own on the one database, on a clock the test moves: a year far ahead, so that rows the
 * application's own node wrote in other tests are long dead to these.
 */
abstract class SendingNodesContract {

    static final Duration WINDOW = Duration.ofSeconds(5);
    static final UUID SHOP = UUID.randomUUID();
    static final UUID AGENCY = UUID.randomUUID();

    @Autowired JdbcClient jdbc;
    @Autowired TenantScope scope;

    final StepClock clock = StepClock.standingAt(Instant.parse("2100-01-01T12:00:00Z"));
    final List<SendingNodes> started = new ArrayList<>();

    SendingNodes node() {
        SendingNodes node = new SendingNodes(jdbc, scope, clock, WINDOW);
        started.add(node);
        return node;
    }

    /** A node that has announced the shop's mail. */
    SendingNodes sendingTheShop() {
        SendingNodes node = node();
        node.sending(SHOP);
        return node;
    }

    @AfterEach
    void stopNodes() {
        started.forEach(SendingNodes::leave);
    }

    @Test
    void nodesSendingOneClientsMailShareItsRate() {
        SendingNodes a = node();
        SendingNodes b = node();
        a.sending(SHOP);
        assertThat(a.nodesSending(SHOP)).as("alone so far").isEqualTo(1);
        b.sending(SHOP);
        b.sending(AGENCY);
        assertThat(b.nodesSending(SHOP)).as("b announced itself and read a's row").isEqualTo(2);
        assertThat(b.nodesSending(AGENCY)).isEqualTo(1);
        assertThat(b.nodes()).isEqualTo(2);

        a.heartbeat();
        assertThat(a.nodesSending(SHOP)).isEqualTo(2);
        assertThat(a.nodesSending(AGENCY)).as("only b sends the agency's mail").isEqualTo(1);
        assertThat(a.nodes()).isEqualTo(2);
        assertThat(a.nodesSending(UUID.randomUUID())).as("a client nobody sends counts this node alone").isEqualTo(1);
    }

    @Test
    void aNodeThatDiedCountsUntilTheWindowEndsAndItsRowsGoLater() {
        SendingNodes a = sendingTheShop();
        SendingNodes b = sendingTheShop();

        clock.advance(Duration.ofSeconds(3)); // b is gone without a word; a goes on sending
        a.sending(SHOP);
        a.heartbeat();
        assertThat(a.nodesSending(SHOP)).as("b's row is 3 s old: it may still be sending").isEqualTo(2);

        clock.advance(Duration.ofSeconds(3));
        a.sending(SHOP);
        a.heartbeat();
        assertThat(a.nodesSending(SHOP)).as("6 s without a word from b").isEqualTo(1);
        assertThat(a.nodes()).isEqualTo(1);
        assertThat(rows()).as("b's row stays until long past the window").isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        a.sending(SHOP);
        assertThat(rows()).as("a's own row only").isEqualTo(1);
    }

    @Test
    void aNodeThatStopsLeavesAtOnceAndOneThatWentQuietDropsTheClient() {
        SendingNodes a = sendingTheShop();
        SendingNodes b = sendingTheShop();
        b.leave();
        a.heartbeat();
        assertThat(a.nodesSending(SHOP)).isEqualTo(1);

        SendingNodes c = node();
        c.sending(AGENCY);
        clock.advance(Duration.ofSeconds(6)); // c sends nothing more, but still beats
        c.heartbeat();
        a.sending(SHOP);
        assertThat(a.nodes()).as("c no longer sends anyone's mail").isEqualTo(1);
        assertThat(a.nodesSending(AGENCY)).isEqualTo(1);
    }

    /** Rows written on this test's clock (the application's own node writes on the real one). */
    private long rows() {
        var thisCentury = OffsetDateTime.parse("2099-01-01T00:00:00Z");
        return scope.asPlatform(() -> jdbc.sql("select count(*) from sending_nodes where seen_at > :since").param("since", thisCentury)
                .query(Long.class).single());
    }
}
