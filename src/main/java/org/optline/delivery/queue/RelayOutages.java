package org.optline.delivery.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times outages of the ways out. When no connection could be made for a whole batch, the outage
 * is timed from its first such batch; once it has lasted {@code pauseWhenUnreachable}, the
 * campaign pauses. Deferring instead would, after the retry age, fail every recipient as a soft
 * bounce for a fault that was never theirs. Any batch a server answered ends the outage; so does
 * a silence longer than the longest retry interval (another node sent meanwhile, or the campaign
 * stopped), after which an old start time would mean nothing.
 */
final class RelayOutages {

    private static final Logger log = LoggerFactory.getLogger(RelayOutages.class);

    private record Outage(Instant since, Instant last) {}

    private final Duration pauseAfter;
    private final Duration forgottenAfter;
    /** Keyed by the transport, so a client's changed relay settings (a new pool) start afresh. */
    private final Map<MailTransport, Outage> outages = Collections.synchronizedMap(new WeakHashMap<>());

    RelayOutages(DeliveryProperties.Retry retry) {
        this.pauseAfter = retry.pauseWhenUnreachable();
        this.forgottenAfter = retry.maxBackoff().compareTo(pauseAfter) > 0 ? retry.maxBackoff() : pauseAfter;
    }

    /** Null while the way out works or the outage is young; else why the campaign pauses (the client reads it). */
    String pauseReason(MailTransport transport, boolean platforms, List<Outcome> outcomes, Instant now) {
        boolean down = !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.reply().relayUnreachable());
        if (!down) {
            if (outcomes.stream().anyMatch(o -> o.reply().serverAnswered())) {
                outages.remove(transport);
            }
            return null;
        }
        Outage outage = outages.compute(transport, (t, old) ->
                old == null || Duration.between(old.last(), now).compareTo(forgottenAfter) > 0
                        ? new Outage(now, now) : new Outage(old.since(), now));
        if (Duration.between(outage.since(), now).compareTo(pauseAfter) < 0) {
            return null;
        }
        String since = outage.since().truncatedTo(ChronoUnit.SECONDS).toString();
        if (platforms) {
            // The platform relay's host and error stay in the node's log.
            log.warn("The platform's SMTP relay could not be reached since {}: {}", since, outcomes.get(0).reply().text());
            return "The platform's SMTP relay could not be reached since " + since + "; resume the campaign once it works again.";
        }
        return "Your SMTP relay could not be reached since " + since + " (" + outcomes.get(0).reply().text()
                + "); resume the campaign once it works again.";
    }
}
