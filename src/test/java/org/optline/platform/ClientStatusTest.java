package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The standing state machine. */
class ClientStatusTest {

    @Test
    void terminatedIsFinal() {
        for (ClientStatus next : ClientStatus.values()) {
            assertThat(ClientStatus.TERMINATED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void suspendedClientsAreReinstatedOrTerminatedButNotPaused() {
        assertThat(ClientStatus.SUSPENDED.canMoveTo(ClientStatus.ACTIVE)).isTrue();
        assertThat(ClientStatus.SUSPENDED.canMoveTo(ClientStatus.TERMINATED)).isTrue();
        assertThat(ClientStatus.SUSPENDED.canMoveTo(ClientStatus.PAUSED)).isFalse();
    }

    @Test
    void onlyActiveClientsSendAndSuspendedOrTerminatedOnesDoNotWrite() {
        assertThat(Arrays.stream(ClientStatus.values()).filter(ClientStatus::maySend))
                .containsExactly(ClientStatus.ACTIVE);
        assertThat(Arrays.stream(ClientStatus.values()).filter(ClientStatus::mayWrite))
                .containsExactly(ClientStatus.ACTIVE, ClientStatus.PAUSED);
    }

    @Test
    void wireNamesRoundTrip() {
        for (ClientStatus s : ClientStatus.values()) {
            assertThat(ClientStatus.fromWire(s.wireName())).isEqualTo(s);
        }
    }
}
