package org.optline.delivery.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;
import org.optline.delivery.transport.SmtpReply;
import org.springframework.stereotype.Component;

/**
 * Hands the messages to a network transport, outside any transaction, and times its outages
 * ({@link RelayOutages}): a relay unreachable for too long pauses the campaign, and nobody in the
 * batch counts as tried. The capture outbox writes into the settle's transaction instead, so that a
 * message and its "sent" mark commit together: {@link SettleBatch} sends to it.
 */
@Component
final class SendMessages implements BatchStage {

    private final RelayOutages outages;
    private final Clock clock;

    SendMessages(DeliveryProperties settings, Clock clock) {
        this.outages = new RelayOutages(settings.retry());
        this.clock = clock;
    }

    @Override
    public void run(Batch batch) {
        batch.sendStarted = System.nanoTime();
        MailTransport transport = batch.run.route().transport();
        if (transport.transactional()) {
            return;
        }
        List<Outcome> sent = transport.send(batch.envelopes, batch.run.halted()::get);
        batch.pauseReason = outages.pauseReason(transport, batch.run.platforms(), sent, clock.instant());
        if (batch.pauseReason != null) {
            // Nobody was offered anything: they wait, untouched, for the resume.
            sent = sent.stream().map(o -> new Outcome(o.subscriberId(), SmtpReply.NOT_SENT)).toList();
        }
        batch.outcomes = withFailures(sent, batch.buildFailures);
        batch.sendEnded = System.nanoTime();
    }

    /** The transport's outcomes and the recipients whose message could not be built. */
    static List<Outcome> withFailures(List<Outcome> outcomes, List<Outcome> buildFailures) {
        if (buildFailures.isEmpty()) {
            return outcomes;
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        all.addAll(buildFailures);
        return all;
    }
}
