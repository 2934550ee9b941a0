package org.optline.audience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * A subscriber's activity timeline, newest first: what later modules report through
 * {@link SubscriberActivity} (sent, bounced, opened, clicked), and the unsubscribes and
 * complaints of the consent ledger. Without an implementation of the port, the ledger's part alone.
 */
@Service
public class ActivityTimeline {

    /** Entries shown and exported at most: a person's last few hundred campaigns are plenty to read. */
    public static final int LIMIT = 500;

    private final Subscribers subscribers;
    private final ObjectProvider<SubscriberActivity> activity;

    public ActivityTimeline(Subscribers subscribers, ObjectProvider<SubscriberActivity> activity) {
        this.subscribers = subscribers;
        this.activity = activity;
    }

    public List<SubscriberActivity.Entry> of(Actor actor, UUID subscriberId) {
        UUID clientId = actor.requireClient();
        return of(clientId, subscriberId, subscribers.consentLedger(actor, subscriberId));
    }

    /** The timeline of a subscriber the caller has found in its client, from the ledger it has read. */
    List<SubscriberActivity.Entry> of(UUID clientId, UUID subscriberId, List<ConsentEvent> ledger) {
        List<SubscriberActivity.Entry> all = new ArrayList<>();
        for (ConsentEvent e : ledger) {
            if (e.event() == ConsentAct.UNSUBSCRIBED) {
                all.add(new SubscriberActivity.Entry(e.at(), "unsubscribed", null, null, e.sourceKind().wireName()));
            } else if (e.event() == ConsentAct.COMPLAINED) {
                all.add(new SubscriberActivity.Entry(e.at(), "complained", null, null, e.detail()));
            }
        }
        activity.ifAvailable(a -> all.addAll(a.of(clientId, subscriberId, LIMIT)));
        all.sort(Comparator.comparing(SubscriberActivity.Entry::at).reversed());
        return all.size() > LIMIT ? List.copyOf(all.subList(0, LIMIT)) : all;
    }
}
