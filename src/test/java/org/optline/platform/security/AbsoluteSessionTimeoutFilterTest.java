package org.optline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** Sessions end a fixed time after login however active they are (ASVS 7.3.2). */
class AbsoluteSessionTimeoutFilterTest {

    @Test
    void aSessionOlderThanTheLimitIsEndedAndSentToLogin() throws Exception {
        var request = new MockHttpServletRequest("GET", "/");
        var session = new MockHttpSession();
        request.setSession(session);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        Clock thirteenHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(13));

        new AbsoluteSessionTimeoutFilter(Duration.ofHours(12), thirteenHoursLater).doFilter(request, response, chain);

        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aYoungerSessionGoesOn() throws Exception {
        var request = new MockHttpServletRequest("GET", "/");
        var session = new MockHttpSession();
        request.setSession(session);
        var chain = new MockFilterChain();
        Clock anHourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

        new AbsoluteSessionTimeoutFilter(Duration.ofHours(12), anHourLater).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(session.isInvalid()).isFalse();
        assertThat(chain.getRequest()).isSameAs(request);
    }
}
