package org.optline.analytics.report;

import java.util.Map;
import java.util.UUID;
import org.optline.campaign.SendProgress;
import org.springframework.stereotype.Component;

/**
 * The one place analytics reads delivery's progress counts ({@link SendProgress}), turned into the
 * report's terms: delivered is what receiving servers accepted, deferred what waits for another
 * try, failed what was refused for good, and sent all three (every message handed over).
 */
@Component
public class SendFigures {

    /** A campaign's messages by outcome so far. */
    public record Figures(long sent, long delivered, long deferred, long failed, long waiting) {}

    private final SendProgress progress;

    SendFigures(SendProgress progress) {
        this.progress = progress;
    }

    public Figures of(UUID clientId, UUID campaignId) {
        Map<String, Long> counts = progress.counts(clientId, campaignId);
        long delivered = counts.getOrDefault("sent", 0L);
        long deferred = counts.getOrDefault("deferred", 0L);
        long failed = counts.getOrDefault("failed", 0L);
        long waiting = counts.getOrDefault("queued", 0L) + counts.getOrDefault("sending", 0L);
        return new Figures(delivered + deferred + failed, delivered, deferred, failed, waiting);
    }
}
