package org.optline.audience.imports;

import java.time.Clock;
import java.time.Duration;
import org.optline.audience.AudienceProperties;
import org.optline.audience.Imports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes uploads nobody started ({@link AudienceProperties#uploadTtl()}): a
 * file uploaded and left at the column-mapping step holds a client's subscribers' addresses and
 * would otherwise stay on disk for ever. Any node may run it; deleting twice is harmless.
 */
@Component
class UnstartedUploadExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(UnstartedUploadExpiry.class);

    private final Imports imports;
    private final Clock clock;
    private final Duration ttl;
    private final Duration every;

    UnstartedUploadExpiry(Imports imports, Clock clock, AudienceProperties settings) {
        this.imports = imports;
        this.clock = clock;
        this.ttl = settings.uploadTtl();
        this.every = Duration.ofMillis(settings.uploadExpiryMs());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::expire, every, every));
    }

    void expire() {
        try {
            int deleted = imports.expireUnstarted(clock.instant().minus(ttl));
            if (deleted > 0) {
                log.info("Deleted {} upload(s) not started within {}", deleted, ttl);
            }
        } catch (RuntimeException e) {
            log.warn("Expiring unstarted uploads failed; trying again later", e);
        }
    }
}
