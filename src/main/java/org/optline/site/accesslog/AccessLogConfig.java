package org.optline.site.accesslog;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The access log's filter: right after the request limits and any forwarded-header handling (both
 * first), ahead of Spring Security, so that its redirects and refusals are logged with the rest.
 */
@Configuration
class AccessLogConfig {

    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLogWriter writer, BrowserFamilies browsers, Clock clock) {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter(writer, browsers, clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
