package org.optline.site.web;

import java.util.List;
import org.optline.platform.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The site's pages are open to everyone; their forms keep CSRF protection. */
@Configuration
class SitePaths {

    @Bean
    PublicPaths sitePublicPaths() {
        return new PublicPaths(List.of("/", "/privacy", "/privacy/**", "/contact", "/contact/**", "/abuse", "/abuse/**"), false);
    }
}
