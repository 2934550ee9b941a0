package org.optline.tracking.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.platform.KeyRings;

/** A rotated key signs new tokens while the older keys still verify theirs, on this node and on others. */
class TrackingKeyRotationTest {

    private static TrackingToken click(int link) {
        return new TrackingToken(UUID.randomUUID(), UUID.randomUUID(), link, ProviderGroup.GOOGLE, Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    void tokensOfOlderKeysStillVerifyAfterRotation() {
        KeyRings rings = TestKeyRings.fresh("rotation");
        TrackingTokens tokens = TestKeyRings.tokens(rings, Duration.ofDays(90));
        TrackingToken before = click(0);
        String old = tokens.sign(before);

        assertThat(rings.ring("tracking").rotateIfOlderThan(Duration.ofDays(90))).isFalse();
        assertThat(rings.ring("tracking").rotateIfOlderThan(Duration.ZERO)).isTrue();
        TrackingToken after = click(1);
        String fresh = tokens.sign(after);

        assertThat(fresh.substring(0, 4)).isNotEqualTo(old.substring(0, 4)); // the key number travels in the token
        assertThat(tokens.verify(old)).contains(before);
        assertThat(tokens.verify(fresh)).contains(after);
    }

    @Test
    void anotherNodeReadsAKeyMadeAfterItStarted() {
        KeyRings shared = TestKeyRings.fresh("rotation-nodes");
        TrackingTokens first = TestKeyRings.tokens(shared, Duration.ofDays(90));
        // The second node's own ring object, on the same database, read before the rotation.
        KeyRings otherNode = TestKeyRings.fresh("rotation-nodes");
        TrackingTokens second = TestKeyRings.tokens(otherNode, Duration.ofDays(90));
        shared.ring("tracking").rotateIfOlderThan(Duration.ZERO);
        TrackingToken token = click(2);
        assertThat(second.verify(first.sign(token))).contains(token);
    }
}
