package org.optline.platform.web;

import java.util.List;
import org.optline.platform.Clients;
import org.optline.platform.MultipartPaths;
import org.optline.platform.PublicPaths;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the {@code Actor} parameter and the standing guard for every controller of every
 * module, and the request-body limits ahead of everything.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

    private final Clients clients;

    WebConfig(Clients clients) {
        this.clients = clients;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StandingGuard(clients));
    }

    /** Ahead of every other filter, Spring Security's included: nothing may read a body first. */
    @Bean
    static FilterRegistrationBean<RequestLimits> requestLimits(List<MultipartPaths> multipart, List<PublicPaths> publicPaths,
                                                               HttpProperties limits) {
        var registration = new FilterRegistrationBean<>(new RequestLimits(multipart, publicPaths, limits.maxBodyBytes().toBytes(),
                limits.maxPublicBodyBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
