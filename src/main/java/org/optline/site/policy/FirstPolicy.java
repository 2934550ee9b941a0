package org.optline.site.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.site.PrivacyPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes the privacy policy shipped with Optline ({@code privacy-policy.md} beside this class)
 * version 1 when no version exists. It runs once every bean is made and before the web server
 * takes requests, so {@code /privacy} never meets an empty table. Nodes starting together on one
 * database agree through the unique version number: one insert wins, the others find a version.
 * It publishes no event: the first version announces no change.
 */
@Component
class FirstPolicy implements SmartInitializingSingleton {

    static final String RESOURCE = "privacy-policy.md";
    static final String SUMMARY = "The first published version.";

    private static final Logger log = LoggerFactory.getLogger(FirstPolicy.class);

    private final PolicyStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    FirstPolicy(PolicyStore store, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (scope.asPlatform(() -> store.latest().isPresent())) {
            return;
        }
        String text = shipped();
        Actor system = Actor.system("Optline");
        try {
            scope.asPlatform(() -> {
                if (store.insertFirst(UUID.randomUUID(), text, SUMMARY, Times.now(clock), system.label())) {
                    audit.record(system, null, PrivacyPolicies.PUBLISHED, "policy:1", "material=false; the policy shipped with Optline");
                    log.info("Published the privacy policy shipped with Optline as version 1");
                }
            });
        } catch (DuplicateKeyException raced) {
            log.info("Another node published the first privacy policy");
        }
    }

    /** The shipped text, as stored: line endings {@code \n}, no surrounding blank lines. */
    static String shipped() {
        try (InputStream in = FirstPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The shipped privacy policy is missing: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").strip();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }
}
