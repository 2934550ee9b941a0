package org.optline.tracking.web;

import java.util.List;
import org.optline.platform.PublicPaths;
import org.optline.tracking.Hits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The tracking links are public: mail clients and people follow them without logging in. */
@Configuration
class TrackingWebConfig {

    /** GET and HEAD only, so no CSRF exemption is needed; the tokens protect themselves (signed). */
    @Bean
    PublicPaths trackingPaths() {
        return new PublicPaths(List.of("/t/o/*", "/t/c/*"), false);
    }

    /** After the body limits and text checks (the two highest filters), before Spring Security. */
    @Bean
    FilterRegistrationBean<TrackingEndpoints> trackingEndpoints(Hits hits) {
        var registration = new FilterRegistrationBean<>(new TrackingEndpoints(hits));
        registration.addUrlPatterns("/t/o/*", "/t/c/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setName("trackingEndpoints");
        return registration;
    }
}
