package org.optline.delivery.queue;

import java.util.Map;
import java.util.UUID;
import org.optline.campaign.SendProgress;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;

/** The send queue's counts, for the campaign pages. */
@Component
class QueueProgress implements SendProgress {

    private final SendQueueStore queue;
    private final TenantScope scope;

    QueueProgress(SendQueueStore queue, TenantScope scope) {
        this.queue = queue;
        this.scope = scope;
    }

    @Override
    public Map<String, Long> counts(UUID clientId, UUID campaignId) {
        return scope.inClient(clientId, () -> queue.counts(clientId, campaignId));
    }
}
