package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optline.campaign.SendState.DEFERRED;
import static org.optline.campaign.SendState.FAILED;
import static org.optline.campaign.SendState.QUEUED;
import static org.optline.campaign.SendState.SENDING;
import static org.optline.campaign.SendState.SENT;
import static org.optline.campaign.SendState.SUPPRESSED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which send state may follow which, the wire names the queue stores, and counts read by name. */
class SendStateTest {

    /** Every allowed move; every pair not listed here is refused. */
    static final Map<SendState, Set<SendState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(SENDING),
            DEFERRED, EnumSet.of(SENDING),
            SENDING, EnumSet.of(SENT, DEFERRED, FAILED, SUPPRESSED, QUEUED),
            SENT, EnumSet.noneOf(SendState.class),
            FAILED, EnumSet.noneOf(SendState.class),
            SUPPRESSED, EnumSet.noneOf(SendState.class));

    @Test
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo() {
        for (SendState from : SendState.values()) {
            for (SendState to : SendState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void onlySentFailedAndSuppressedAreFinal() {
        assertThat(EnumSet.allOf(SendState.class).stream().filter(SendState::isFinal)).containsExactly(SENT, FAILED, SUPPRESSED);
    }

    @Test
    void wireNamesAreTheQueuesStoredValues() {
        assertThat(EnumSet.allOf(SendState.class).stream().map(SendState::wireName))
                .containsExactly("queued", "sending", "sent", "deferred", "failed", "suppressed");
        for (SendState s : SendState.values()) {
            assertThat(SendState.fromWire(s.wireName())).isEqualTo(s);
        }
    }

    @Test
    void countsLeaveOutEmptyStatesAndNameEachOne() {
        SendCounts counts = new SendCounts(Map.of(QUEUED, 3L, SENDING, 2L, DEFERRED, 1L, SENT, 7L, FAILED, 0L, SUPPRESSED, -1L));
        assertThat(counts.byState()).containsExactly(Map.entry(QUEUED, 3L), Map.entry(SENDING, 2L), Map.entry(SENT, 7L),
                Map.entry(DEFERRED, 1L));
        assertThat(counts.queued()).isEqualTo(3);
        assertThat(counts.sending()).isEqualTo(2);
        assertThat(counts.deferred()).isEqualTo(1);
        assertThat(counts.sent()).isEqualTo(7);
        assertThat(counts.failed()).isZero();
        assertThat(counts.suppressed()).isZero();
        assertThat(counts.remaining()).isEqualTo(6);
        assertThat(counts.any()).isTrue();
        assertThat(SendCounts.NONE.any()).isFalse();
        assertThat(new SendCounts(Map.of(FAILED, 0L))).isEqualTo(SendCounts.NONE);
    }
}
