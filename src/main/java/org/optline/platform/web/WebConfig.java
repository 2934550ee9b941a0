package org.optline.platform.web;

import java.util.List;
import org.optline.platform.MultipartPaths;
import org.optline.platform.PublicPaths;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@code Actor} parameter for every controller of every module, and the body limits. */
@Configuration
class WebConfig implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    /** Ahead of every other filter, Spring Security's included: nothing may read a body first. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(List<MultipartPaths> multipart, List<PublicPaths> publicPaths,
                                                        @Value("${optline.http.max-body-bytes:4MB}") DataSize maxBody,
                                                        @Value("${optline.http.max-public-body-bytes:64KB}") DataSize maxPublicBody) {
        var registration = new FilterRegistrationBean<>(new RequestLimits(multipart, publicPaths, maxBody.toBytes(),
                maxPublicBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
