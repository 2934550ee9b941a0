package org.optline.analytics.report;

import java.util.UUID;
import org.optline.campaign.SendCounts;
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
        SendCounts counts = progress.counts(clientId, campaignId);
        long delivered = counts.sent();
        long deferred = counts.deferred();
        long failed = counts.failed();
        long waiting = counts.queued() + counts.sending();
        return new Figures(delivered + deferred + failed, delivered, deferred, failed, waiting);
    }
}
