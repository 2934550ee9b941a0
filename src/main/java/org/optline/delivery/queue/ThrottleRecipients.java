package org.optline.delivery.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.optline.audience.Subscriber;
import org.optline.delivery.DeliveryProperties;
import org.springframework.stereotype.Component;

/**
 * Holds back recipients whose provider, client, platform or relay rate is used up ({@link
 * Throttle}): they go back to the queue to wait for the longest of their waits, with no attempt
 * counted, and the rest of the batch goes on.
 */
@Component
final class ThrottleRecipients implements BatchStage {

    private final Throttle throttle;

    ThrottleRecipients(DeliveryProperties settings, Transports transports, SendingNodes nodes) {
        this.throttle = new Throttle(settings.throttle(), transports.destinations(), nodes);
    }

    @Override
    public void run(Batch batch) {
        UUID clientId = batch.run.clientId();
        Transports.Route route = batch.run.route();
        List<Subscriber> go = new ArrayList<>();
        List<UUID> later = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (Subscriber person : batch.byHash.values()) {
            var throttled = throttle.admit(clientId, batch.domains.get(person.id()), route.relayOf(), route.maxRate());
            if (throttled.isPresent()) {
                later.add(person.id());
                wait = wait.compareTo(throttled.get()) < 0 ? throttled.get() : wait;
            } else {
                go.add(person);
            }
        }
        batch.go = go;
        batch.later = later;
        batch.wait = wait;
    }
}
