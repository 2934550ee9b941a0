package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The pipeline runs its stages in the order of {@link BatchPipeline#ORDER}, whatever order the
 * components come in, stops where a stage ends the batch, and refuses to start with a stage
 * missing or one it does not list.
 */
class BatchPipelineTest {

    private static List<BatchStage> stages() {
        List<BatchStage> stages = new ArrayList<>();
        BatchPipeline.ORDER.forEach(type -> stages.add(mock(type)));
        return stages;
    }

    private static Batch batch() {
        return new Batch(null, null, null);
    }

    @Test
    void runsTheStagesInTheListedOrder() {
        List<BatchStage> stages = stages();
        List<BatchStage> shuffled = new ArrayList<>(stages);
        Collections.reverse(shuffled);
        Batch batch = batch();

        new BatchPipeline(shuffled).run(batch);

        InOrder order = inOrder(stages.toArray());
        stages.forEach(stage -> order.verify(stage).run(batch));
    }

    @Test
    void aStageThatEndsTheBatchIsTheLastToRun() {
        List<BatchStage> stages = stages();
        int renew = BatchPipeline.ORDER.indexOf(RenewLease.class);
        doAnswer(call -> {
            call.<Batch>getArgument(0).end();
            return null;
        }).when(stages.get(renew)).run(any());
        Batch batch = batch();

        new BatchPipeline(stages).run(batch);

        assertThat(batch.over()).isTrue();
        stages.subList(0, renew + 1).forEach(stage -> verify(stage).run(batch));
        stages.subList(renew + 1, stages.size()).forEach(stage -> verify(stage, never()).run(batch));
    }

    @Test
    void aMissingStageStopsTheStart() {
        List<BatchStage> stages = stages();
        stages.remove(BatchPipeline.ORDER.indexOf(SettleBatch.class));

        assertThatIllegalStateException().isThrownBy(() -> new BatchPipeline(stages))
                .withMessage("No component for the batch stage SettleBatch");
    }

    /** A stage written but not listed. */
    static final class AddSubjectPrefix implements BatchStage {
        @Override
        public void run(Batch batch) {
            batch.end();
        }
    }

    @Test
    void aStageNotInTheListStopsTheStart() {
        List<BatchStage> stages = stages();
        stages.add(new AddSubjectPrefix());

        assertThatIllegalStateException().isThrownBy(() -> new BatchPipeline(stages))
                .withMessage("AddSubjectPrefix is a batch stage but not in BatchPipeline.ORDER");
    }
}
