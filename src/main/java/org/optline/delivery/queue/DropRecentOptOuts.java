package org.optline.delivery.queue;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The last look, right before the wire: whoever opted out on this node while the batch was being
 * built ({@link RecentOptOuts}) is skipped. Their messages leave the batch in place.
 */
@Component
final class DropRecentOptOuts implements BatchStage {

    private final RecentOptOuts optOuts;

    DropRecentOptOuts(RecentOptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public void run(Batch batch) {
        UUID clientId = batch.run.clientId();
        batch.envelopes.removeIf(e -> {
            if (optOuts.contains(clientId, e.subscriberId())) {
                batch.skipped.add(e.subscriberId());
                return true;
            }
            return false;
        });
    }
}
