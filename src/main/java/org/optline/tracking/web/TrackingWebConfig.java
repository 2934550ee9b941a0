package org.optline.tracking.web;

import java.util.List;
import org.optline.platform.PublicPaths;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.optline.tracking.Hits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

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
    FilterRegistrationBean<TrackingEndpoints> trackingEndpoints(Hits hits, MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new TrackingEndpoints(hits, meters));
        registration.addUrlPatterns("/t/o/*", "/t/c/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setName("trackingEndpoints");
        return registration;
    }

    /**
     * No per-request observation (the {@code http.server.requests} timer) for tracking hits: it
     * cost a hit more than the hit's own work (bench/track.sh, profiled). The endpoints count their
     * outcomes in {@code optline.tracking.hits} instead.
     */
    @Bean
    ObservationPredicate noRequestObservationForTrackingHits() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && TrackingEndpoints.isHit(request.getCarrier()));
    }
}
