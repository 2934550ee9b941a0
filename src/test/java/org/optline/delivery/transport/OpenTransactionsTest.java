package org.optline.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optline.delivery.DeliveryProperties;

class OpenTransactionsTest {

    private final ProviderGroups groups = new ProviderGroups(new DeliveryProperties.Throttle(0, 0,
            Map.of("google", new DeliveryProperties.Throttle.DomainGroup(List.of("gmail.com", "GoogleMail.com"), 0, 2),
                    "open", new DeliveryProperties.Throttle.DomainGroup(List.of("open.example"), 0, 0),
                    "rateOnly", new DeliveryProperties.Throttle.DomainGroup(List.of("rate.example"), 5, -1)),
            3));

    @Test
    void aProvidersDomainsAreOneDestinationAndOtherDomainsEachTheirOwn() {
        assertThat(groups.destinationOfRecipient("a@gmail.com")).isEqualTo("google");
        assertThat(groups.destinationOfRecipient("a@GOOGLEMAIL.COM")).isEqualTo("google");
        assertThat(groups.destinationOfRecipient("\"odd@local\"@Example.ORG")).isEqualTo("example.org");
        assertThat(groups.concurrency("google")).isEqualTo(2);
        assertThat(groups.concurrency("example.org")).isEqualTo(3);
        assertThat(groups.concurrency("open")).isZero();
        assertThat(groups.concurrency("rateOnly")).isEqualTo(3); // unset: the default for any domain
    }

    @Test
    void refusesOneMoreThanTheLimitPerDestinationAndFreesOnClose() {
        OpenTransactions open = new OpenTransactions(groups);
        assertThat(open.tryOpen("google")).isTrue();
        assertThat(open.tryOpen("google")).isTrue();
        assertThat(open.tryOpen("google")).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(open.tryOpen("example.org")).isTrue();
        }
        assertThat(open.tryOpen("example.org")).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(open.tryOpen("open")).isTrue(); // 0: no limit of its own
        }
        open.close("google");
        assertThat(open.openTo("google")).isEqualTo(1);
        assertThat(open.tryOpen("google")).isTrue();
    }

    @Test
    void nodesSharingTheRelayDivideEachLimitAndEachKeepsOne() {
        OpenTransactions open = new OpenTransactions(groups);
        AtomicInteger nodes = new AtomicInteger(2);
        open.shareWith(nodes::get);
        assertThat(open.tryOpen("google")).isTrue();
        assertThat(open.tryOpen("google")).as("2 for two nodes: 1 here").isFalse();
        assertThat(open.tryOpen("example.org")).isTrue();
        assertThat(open.tryOpen("example.org")).as("3 for two nodes: 1 here, never over the 3").isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(open.tryOpen("open")).isTrue(); // still no limit of its own
        }
        nodes.set(5);
        assertThat(open.limit("example.org")).as("more nodes than the limit: one each").isEqualTo(1);
        nodes.set(1);
        assertThat(open.tryOpen("google")).as("alone again: the whole limit").isTrue();
        assertThat(open.tryOpen("google")).isFalse();
    }

    @Test
    void aWaiterIsWokenByTheNextCloseAndNotRegisteredIfOneHappenedMeanwhile() {
        OpenTransactions open = new OpenTransactions(groups);
        open.tryOpen("google");
        open.tryOpen("google");
        AtomicInteger woken = new AtomicInteger();

        long before = open.closedSoFar();
        assertThat(open.tryOpen("google")).isFalse();
        open.close("google"); // ends between the failed attempt and the wait
        assertThat(open.wakeOnNextClose(before, woken::incrementAndGet)).isFalse();

        long now = open.closedSoFar();
        assertThat(open.tryOpen("google")).isTrue();
        assertThat(open.wakeOnNextClose(now, woken::incrementAndGet)).isTrue();
        assertThat(woken).hasValue(0);
        open.close("google");
        assertThat(woken).hasValue(1);
        open.close("google");
        assertThat(woken).hasValue(1); // woken once, not at every close after
    }
}
