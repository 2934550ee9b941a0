package org.optline.delivery.queue;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The way of one claimed batch, stage by stage: screened against who may be mailed at this moment,
 * throttled, built on every core, looked at once more right before the wire, sent, and settled in
 * one transaction. A new stage is a {@link BatchStage} component and one line in
 * {@link #ORDER}; a stage that is a component but not listed, or listed but missing, stops the
 * application at start.
 */
@Component
class BatchPipeline {

    static final List<Class<? extends BatchStage>> ORDER = List.of(
            ScreenRecipients.class,   // load the batch; drop the suppressed and inactive
            ThrottleRecipients.class, // hold back whom a rate does not let through now
            RewriteLinks.class,       // tracked links and an open pixel, unless the campaign is not tracked
            BuildMessages.class,      // render, build and sign on every core
            DropRecentOptOuts.class,  // the last look: opted out while the batch was built
            RenewLease.class,         // make sure the batch is still ours for the whole send
            SendMessages.class,       // hand over to the transport
            SettleBatch.class,        // write every recipient's outcome; suppress dead addresses
            PauseCampaign.class);     // pause the campaign if the batch said so

    private final BatchStage[] stages;

    BatchPipeline(List<BatchStage> components) {
        this.stages = ORDER.stream().map(type -> components.stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new IllegalStateException("No component for the batch stage " + type.getSimpleName())))
                .toArray(BatchStage[]::new);
        components.stream().filter(c -> ORDER.stream().noneMatch(type -> type.isInstance(c))).findFirst().ifPresent(c -> {
            throw new IllegalStateException(c.getClass().getSimpleName() + " is a batch stage but not in BatchPipeline.ORDER");
        });
    }

    /** Runs the batch through every stage in order, until one ends it. */
    void run(Batch batch) {
        for (BatchStage stage : stages) {
            if (batch.over()) {
                return;
            }
            stage.run(batch);
        }
    }
}
