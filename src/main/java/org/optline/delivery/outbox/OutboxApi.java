package org.optline.delivery.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxMessage;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/outbox}: messages held by the capture transport. */
@RestController
@RequestMapping("/api/v1/outbox")
class OutboxApi {

    record MessageJson(String id, String campaignId, String kind, String envelopeFrom, String recipient, String subject,
                       OffsetDateTime createdAt, String raw) {
        static MessageJson of(OutboxMessage m) {
            return new MessageJson(m.id().toString(), m.campaignId() == null ? null : m.campaignId().toString(), m.kind(),
                    m.envelopeFrom(), m.recipient(), m.subject(), m.createdAt(), m.raw());
        }
    }

    private final Outbox outbox;

    OutboxApi(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    Page<MessageJson> list(Actor actor, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        var page = outbox.page(actor, cursor, limit);
        return new Page<>(page.items().stream().map(MessageJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    MessageJson get(Actor actor, @PathVariable UUID id) {
        return MessageJson.of(outbox.get(actor, id));
    }
}
