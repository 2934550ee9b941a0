package org.optline.delivery.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.optline.delivery.OutboxMessage;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;
import org.optline.platform.HeaderText;
import org.optline.platform.Times;

/**
 * The default transport: campaign messages go into the capture outbox, in the caller's
 * transaction, so a message and its "sent" mark commit together and capture delivers exactly once.
 */
public class CaptureTransport implements MailTransport {

    private final OutboxStore store;
    private final Clock clock;

    public CaptureTransport(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<Outcome> send(List<Envelope> batch) {
        var now = Times.now(clock);
        for (Envelope e : batch) {
            store.insert(new OutboxMessage(UUID.randomUUID(), e.clientId(), e.campaignId(), "campaign", e.mailFrom(), e.rcptTo(),
                    HeaderText.oneLine(e.subject()), new String(e.data(), StandardCharsets.UTF_8), now));
        }
        return batch.stream().map(e -> Outcome.delivered(e.subscriberId())).toList();
    }

    @Override
    public boolean leavesThePlatform() {
        return false;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public String describe() {
        return "capture";
    }
}
