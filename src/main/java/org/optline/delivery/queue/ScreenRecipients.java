package org.optline.delivery.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.springframework.stereotype.Component;

/**
 * Loads the batch's subscribers and drops anyone suppressed or no longer active: checked now, not
 * when the queue was filled, so an unsubscribe a moment ago stops this mail. Whoever is dropped,
 * or no longer exists, is skipped.
 */
@Component
final class ScreenRecipients implements BatchStage {

    private final Subscribers subscribers;
    private final Suppressions suppressions;

    ScreenRecipients(Subscribers subscribers, Suppressions suppressions) {
        this.subscribers = subscribers;
        this.suppressions = suppressions;
    }

    @Override
    public void run(Batch batch) {
        batch.loadStarted = System.nanoTime();
        UUID clientId = batch.run.clientId();
        List<UUID> ids = batch.claim.ids();
        List<Subscriber> people = subscribers.forDelivery(clientId, ids);
        Map<String, Subscriber> byHash = new LinkedHashMap<>();
        Map<UUID, String> domains = new HashMap<>();
        for (Subscriber p : people) {
            // Normalised when it was stored: parsing it again here took a quarter of a lane's time.
            EmailAddress address = new EmailAddress(p.email());
            byHash.put(address.hash(), p);
            domains.put(p.id(), address.domain());
        }
        Set<String> suppressed = suppressions.suppressedHashes(clientId, byHash.keySet());
        Set<UUID> going = new HashSet<>();
        for (Iterator<Map.Entry<String, Subscriber>> it = byHash.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (suppressed.contains(entry.getKey()) || entry.getValue().status() != SubscriberStatus.ACTIVE) {
                it.remove();
            } else {
                going.add(entry.getValue().id());
            }
        }
        List<UUID> skipped = new ArrayList<>();
        for (UUID id : ids) {
            if (!going.contains(id)) {
                skipped.add(id);
            }
        }
        batch.byHash = byHash;
        batch.domains = domains;
        batch.skipped = skipped;
    }
}
