package org.optline.inbound;

import org.optline.OptlineApplication;
import org.springframework.boot.SpringApplication;

/** Optline with the inbound test doubles, for tests that run a node in its own JVM ({@link InboundKillTest}). */
public final class InboundTestNode {

    private InboundTestNode() {}

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[] {OptlineApplication.class, InboundDoubles.class}, args);
    }
}
