package org.optline.delivery.queue;

/**
 * One step of a claimed batch on its way out ({@link BatchPipeline} lists them in order). A stage
 * reads what the stages before it left on the {@link Batch} and leaves its own result there; one
 * that ends the batch early marks it {@link Batch#end over}. Stages are shared by every lane:
 * whatever state they keep is thread-safe.
 */
interface BatchStage {

    void run(Batch batch);
}
