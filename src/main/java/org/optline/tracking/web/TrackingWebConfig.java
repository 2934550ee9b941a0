package org.optline.tracking.web;

import java.util.List;
import org.optline.platform.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tracking links are public: mail clients and people follow them without logging in. */
@Configuration
class TrackingWebConfig {

    /** GET and HEAD only, so no CSRF exemption is needed; the tokens protect themselves (signed). */
    @Bean
    PublicPaths trackingPaths() {
        return new PublicPaths(List.of("/t/o/*", "/t/c/*"), false);
    }
}
