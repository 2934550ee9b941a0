package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The base URL links in mail use, as the shipped application.yml derives it from the environment. */
class SitePropertiesTest {

    @Test
    void theDefaultBaseUrlFollowsAChangedPort() throws IOException {
        assertThat(bind(Map.of("OPTLINE_PORT", "9090")).baseUrl()).isEqualTo("http://localhost:9090");
    }

    @Test
    void theDefaultBaseUrlUsesPort8080WhenNothingIsSet() throws IOException {
        assertThat(bind(Map.of()).baseUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void aGivenBaseUrlWinsAndLosesItsTrailingSlash() throws IOException {
        assertThat(bind(Map.of("OPTLINE_PORT", "9090", "OPTLINE_BASE_URL", "https://news.example.com/")).baseUrl())
                .isEqualTo("https://news.example.com");
    }

    private static SiteProperties bind(Map<String, Object> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        // The variables stand in for the process environment, which a test cannot set.
        environment.getPropertySources().addFirst(new MapPropertySource("test-env", env));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("optline", SiteProperties.class).get();
    }
}
