package org.optline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Optline: the web UI, the REST API and the background work of every module. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OptlineApplication {

    public static void main(String[] args) {
        SpringApplication.run(OptlineApplication.class, args);
    }
}
