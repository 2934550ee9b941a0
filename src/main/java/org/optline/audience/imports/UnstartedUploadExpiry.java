package org.optline.audience.imports;

import java.time.Clock;
import java.time.Duration;
import org.optline.audience.Imports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes uploads nobody started ({@code optline.audience.upload-ttl}, 24 hours by default): a
 * file uploaded and left at the column-mapping step holds a client's subscribers' addresses and
 * would otherwise stay on disk for ever. Any node may run it; deleting twice is harmless.
 */
@Component
class UnstartedUploadExpiry {

    private static final Logger log = LoggerFactory.getLogger(UnstartedUploadExpiry.class);

    private final Imports imports;
    private final Clock clock;
    private final Duration ttl;

    UnstartedUploadExpiry(Imports imports, Clock clock, @Value("${optline.audience.upload-ttl:24h}") Duration ttl) {
        this.imports = imports;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Scheduled(initialDelayString = "${optline.audience.upload-expiry-ms:600000}",
            fixedDelayString = "${optline.audience.upload-expiry-ms:600000}")
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
