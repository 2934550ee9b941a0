package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternsTest {

    @Test
    void aRoutedRequestKeepsItsRoutePatternNotItsToken() {
        assertThat(PathPatterns.of("/s/unsubscribe/{token}", "/s/unsubscribe/AbC123xyz.sig")).isEqualTo("/s/unsubscribe/{token}");
        assertThat(PathPatterns.of("/", "/")).isEqualTo("/");
        assertThat(PathPatterns.of("/privacy/{version:[0-9]+}", "/privacy/3")).isEqualTo("/privacy/{version}");
    }

    @Test
    void anUnroutedRequestKeepsOnlyItsWordLikeSegments() {
        assertThat(PathPatterns.of(null, "/s/unsubscribe/AbC123xyz_-sig")).isEqualTo("/s/unsubscribe/{…}");
        assertThat(PathPatterns.of("/**", "/s/nothing-here/deadbeef42")).isEqualTo("/s/nothing-here/{…}");
        assertThat(PathPatterns.of(null, "/s/someone@example.com")).isEqualTo("/s/{…}");
        assertThat(PathPatterns.of(null, "/privacy/")).isEqualTo("/privacy/");
        assertThat(PathPatterns.of(null, "")).isEqualTo("/");
    }

    @Test
    void aVeryLongPathIsCut() {
        assertThat(PathPatterns.of(null, "/a".repeat(400))).hasSize(PathPatterns.MAX_LENGTH);
    }
}
