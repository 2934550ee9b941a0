package org.optline.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.delivery.outbox.MimeComposer;
import org.optline.delivery.outbox.OutboxStore;
import org.optline.platform.Actor;
import org.optline.platform.Cursor;
import org.optline.platform.HeaderText;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.springframework.stereotype.Service;

/**
 * The built-in capture transport: the default way out, needing no configuration. Every message is
 * composed exactly as it would be sent and stored, browsable in the UI and through
 * {@code GET /api/v1/outbox}. It also serves the transactional-mail port (confirmations, test sends); campaign mail reaches
 * it through {@link org.optline.delivery.outbox.CaptureTransport}.
 */
@Service
public class Outbox implements TransactionalMail {

    private final OutboxStore store;
    private final TenantScope scope;
    private final Clock clock;
    private final String fromAddress;
    private final String bounceDomain;

    public Outbox(OutboxStore store, TenantScope scope, Clock clock,
                  MailProperties mail) {
        this.store = store;
        this.scope = scope;
        this.clock = clock;
        this.fromAddress = mail.fromAddress();
        this.bounceDomain = mail.bounceDomain();
    }

    @Override
    public String send(Message message) {
        var captured = compose(message.clientId(), null, message.kind(), "bounces@" + bounceDomain, message.fromName(),
                fromAddress, message.to(), message.subject(), message.text(), message.html(), Map.of());
        if (message.clientId() == null) {
            scope.asPlatform(() -> store.insert(captured, message.onBehalfOf()));
        } else {
            scope.inClient(message.clientId(), () -> store.insert(captured));
        }
        return messageId(captured.id(), fromAddress);
    }

    /** One message as it would be sent, with a Message-ID on the sender's domain. */
    private OutboxMessage compose(UUID clientId, UUID campaignId, String kind, String envelopeFrom, String fromName,
                                  String fromAddress, String to, String subject, String text, String html,
                                  Map<String, String> headers) {
        UUID id = UUID.randomUUID();
        var now = Times.now(clock);
        String raw = MimeComposer.compose(messageId(id, fromAddress), fromName, fromAddress, to, subject, text, html,
                now.toInstant(), headers);
        return new OutboxMessage(id, clientId, campaignId, kind, envelopeFrom, to, HeaderText.oneLine(subject), raw, now);
    }

    private static String messageId(UUID id, String fromAddress) {
        return "<" + id + "@" + fromAddress.substring(fromAddress.indexOf('@') + 1) + ">";
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /** The actor's client's captured messages (operators: platform mail), newest first. */
    public Page<OutboxMessage> page(Actor actor, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<OutboxMessage> rows = scope.as(actor, () -> store.page(actor.clientId(), after, size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<OutboxMessage> items = new ArrayList<>(rows.subList(0, size));
        OutboxMessage last = items.get(items.size() - 1);
        return new Page<>(items, new Cursor(last.createdAt(), last.id()).encode());
    }

    public OutboxMessage get(Actor actor, UUID id) {
        return scope.as(actor, () -> store.find(actor.clientId(), id)).orElseThrow(() -> new NotFoundException("No message " + id));
    }
}
