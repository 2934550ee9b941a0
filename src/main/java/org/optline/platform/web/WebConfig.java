package org.optline.platform.web;

import java.util.List;
import org.optline.platform.Clients;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@code Actor} parameter and the standing guard for every controller of every module. */
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
}
