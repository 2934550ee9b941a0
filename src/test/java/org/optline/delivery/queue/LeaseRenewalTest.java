package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A batch is renewed before it goes out only when its claim's lease might run out during the send
 * (counting a minute for the clocks of other nodes); otherwise the renewal's write of every row is
 * skipped. Pure arithmetic on given instants: nothing here waits.
 */
class LeaseRenewalTest {

    static final Instant CLAIMED = Instant.parse("2026-11-29T12:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(10);
    static final Duration LONGEST_SEND = Duration.ofMinutes(4);

    @Test
    void aBatchBuiltInASecondIsNotRenewed() {
        assertThat(RenewLease.renewalNeeded(CLAIMED, CLAIMED.plusSeconds(1), LONGEST_SEND, LEASE)).isFalse();
    }

    @Test
    void aBatchWhoseSendCouldOutlastTheLeaseIsRenewed() {
        // 5 min building + 4 min sending + 1 min margin reaches the lease's end exactly: renew.
        assertThat(RenewLease.renewalNeeded(CLAIMED, CLAIMED.plus(Duration.ofMinutes(5)), LONGEST_SEND, LEASE)).isTrue();
        assertThat(RenewLease.renewalNeeded(CLAIMED, CLAIMED.plus(Duration.ofMinutes(5)).minusMillis(1), LONGEST_SEND, LEASE))
                .isFalse();
        assertThat(RenewLease.renewalNeeded(CLAIMED, CLAIMED.plus(Duration.ofMinutes(20)), LONGEST_SEND, LEASE)).isTrue();
    }

    @Test
    void aLeaseBarelyLongerThanTheSendIsAlwaysRenewed() {
        assertThat(RenewLease.renewalNeeded(CLAIMED, CLAIMED, Duration.ofSeconds(30), Duration.ofSeconds(60))).isTrue();
    }
}
