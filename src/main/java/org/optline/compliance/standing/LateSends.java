package org.optline.compliance.standing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.compliance.StandingLevel;
import org.springframework.stereotype.Component;

/**
 * The unsubscribe-latency alarm: a settled message that reached someone after they left (every
 * list, or by complaint) is counted against that unsubscribe and raised at ERROR. The send time is
 * the settlement's time, the latest the message can have left; a person who leaves in the
 * milliseconds between hand-over and settlement is therefore reported too, which errs on the side
 * the promise needs.
 */
@Component
class LateSends {

    private final StandingStore store;
    private final Alerts alerts;

    LateSends(StandingStore store, Alerts alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    /** Runs inside the settlement's transaction, in the client's scope. */
    void check(UUID clientId, UUID campaignId, OffsetDateTime sentAt, List<UUID> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        Map<UUID, OffsetDateTime> late = store.countReachedAfterLeaving(clientId, recipients, sentAt);
        for (Map.Entry<UUID, OffsetDateTime> person : late.entrySet()) {
            Duration after = Duration.between(person.getValue(), sentAt);
            String detail = "A message of campaign " + campaignId + " reached subscriber " + person.getKey() + " "
                    + after.toSeconds() + " s after they unsubscribed (at " + person.getValue() + ").";
            alerts.raise(clientId, campaignId, "late_send", StandingLevel.PAUSE, detail, sentAt,
                    "late:" + clientId + ":" + campaignId + ":" + person.getKey() + ":" + sentAt.toInstant());
        }
    }
}
