package org.optline.delivery.queue;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optline.audience.Subscriber;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;
import org.springframework.stereotype.Component;

/**
 * Renders, builds and DKIM-signs the messages of the recipients going now, on every core (the
 * builder threads, shared by all lanes). A message that cannot be built fails its recipient only.
 */
@Component
final class BuildMessages implements BatchStage {

    private static final int BUILDER_THREADS = Runtime.getRuntime().availableProcessors();

    private final Clock clock;
    private final ExecutorService builders =
            Executors.newFixedThreadPool(BUILDER_THREADS, DeliveryWorker.threads("message-builder"));

    BuildMessages(Clock clock) {
        this.clock = clock;
    }

    /** Runs after the worker's own shutdown (it depends on this), which lets the lanes finish first. */
    @PreDestroy
    void stop() {
        builders.shutdownNow();
    }

    /** Built messages, and the recipients whose message could not be built (as failed outcomes). */
    private record Built(List<Envelope> envelopes, List<Outcome> failures) {}

    @Override
    public void run(Batch batch) {
        Instant date = clock.instant();
        batch.buildStarted = System.nanoTime();
        List<Subscriber> people = batch.go;
        MessageBuilder builder = batch.run.builder();
        int parts = Math.max(1, Math.min(BUILDER_THREADS, people.size()));
        List<Future<Built>> futures = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            List<Subscriber> slice = people.subList(k * people.size() / parts, (k + 1) * people.size() / parts);
            futures.add(builders.submit(() -> buildEach(slice, builder, date, batch.links)));
        }
        List<Envelope> envelopes = new ArrayList<>(people.size());
        List<Outcome> failures = new ArrayList<>();
        try {
            for (var f : futures) {
                Built part = f.get();
                envelopes.addAll(part.envelopes());
                failures.addAll(part.failures());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building messages", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        batch.envelopes = envelopes;
        batch.buildFailures = failures;
    }

    /**
     * One person's message failing to build (a value the template or MIME cannot take) fails that
     * recipient with the reason, not the batch: otherwise the batch would come back after every
     * lease and fail again, and the rest of it would never be sent.
     */
    private static Built buildEach(List<Subscriber> people, MessageBuilder builder, Instant date, RewriteLinks.Rewriter links) {
        List<Envelope> envelopes = new ArrayList<>(people.size());
        List<Outcome> failures = new ArrayList<>();
        for (Subscriber p : people) {
            try {
                envelopes.add(builder.build(p, date, links));
            } catch (RuntimeException e) {
                failures.add(new Outcome(p.id(), new SmtpReply(554, "5.6.0",
                        "the message could not be built: " + Settlement.clip(String.valueOf(e.getMessage()), 200))));
            }
        }
        return new Built(envelopes, failures);
    }
}
