package org.optline.tracking.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Tracking tokens read back exactly what was signed, and a token with any byte changed is refused. */
class TrackingTokenProperties {

    private static final TrackingTokens TOKENS = TestKeyRings.tokens(TestKeyRings.fresh("token-properties"), Duration.ofDays(90));

    private static Gen<UUID> ids() {
        return SourceDSL.longs().all().zip(SourceDSL.longs().all(), UUID::new);
    }

    private static Gen<TrackingToken> tokens() {
        Gen<UUID> maybeSubscriber = Generate.frequency(org.quicktheories.api.Pair.of(4, ids()),
                org.quicktheories.api.Pair.of(1, Generate.constant((UUID) null)));
        Gen<Integer> links = SourceDSL.integers().between(TrackingToken.OPEN, TrackingToken.MAX_LINK);
        Gen<ProviderGroup> groups = Generate.enumValues(ProviderGroup.class);
        Gen<Instant> times = SourceDSL.longs().between(0, 0xFFFFFFFFL).map(s -> Instant.ofEpochSecond(s));
        return ids().zip(maybeSubscriber, links, groups, (c, s, l, g) -> new Object[] {c, s, l, g})
                .zip(times, (a, t) -> new TrackingToken((UUID) a[0], (UUID) a[1], (Integer) a[2], (ProviderGroup) a[3], t));
    }

    @Test
    void aSignedTokenReadsBackAsSigned() {
        qt().withExamples(3000).forAll(tokens()).checkAssert(token -> {
            String text = TOKENS.sign(token);
            assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(78);
            assertThat(TOKENS.verify(text)).contains(token);
        });
    }

    @Test
    void anyChangedByteIsRefused() {
        qt().withExamples(3000).forAll(tokens(), SourceDSL.integers().between(0, 1000), SourceDSL.integers().between(1, 255))
                .checkAssert((token, where, flip) -> {
                    byte[] bytes = Base64.getUrlDecoder().decode(TOKENS.sign(token));
                    bytes[where % bytes.length] ^= (byte) flip.intValue();
                    assertThat(TOKENS.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isEmpty();
                });
    }

    @Test
    void aCutOrLengthenedTokenIsRefused() {
        qt().withExamples(1000).forAll(tokens(), SourceDSL.integers().between(1, 40)).checkAssert((token, cut) -> {
            String text = TOKENS.sign(token);
            assertThat(TOKENS.verify(text.substring(0, Math.max(0, text.length() - cut)))).isEmpty();
            assertThat(TOKENS.verify(text + "A".repeat(cut))).isEmpty();
        });
    }

    @Test
    void anotherInstallationsTokenIsRefused() {
        TrackingTokens elsewhere = TestKeyRings.tokens(TestKeyRings.fresh("token-properties-elsewhere"), Duration.ofDays(90));
        qt().withExamples(500).forAll(tokens()).checkAssert(token -> assertThat(TOKENS.verify(elsewhere.sign(token))).isEmpty());
    }

    @Test
    void textThatIsNoTokenIsRefused() {
        qt().withExamples(2000).forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 100))
                .checkAssert(text -> assertThat(TOKENS.verify(text)).isEmpty());
        assertThat(TOKENS.verify(null)).isEmpty();
    }
}
