package org.optline.inbound.web;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.inbound.replies.Replies;
import org.optline.inbound.replies.Reply;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/replies}: the replies people wrote to the client's campaigns, newest first. */
@RestController
@RequestMapping("/api/v1/replies")
class RepliesApi {

    record ReplyJson(String id, String subscriberId, String campaignId, String from, String subject, String text,
                     OffsetDateTime receivedAt, String forwardedTo) {

        static ReplyJson of(Reply r) {
            return new ReplyJson(r.id().toString(), r.subscriberId().toString(),
                    r.campaignId() == null ? null : r.campaignId().toString(), r.from(), r.subject(), r.text(),
                    r.receivedAt(), r.forwardedTo());
        }
    }

    private final Replies replies;

    RepliesApi(Replies replies) {
        this.replies = replies;
    }

    @GetMapping
    Page<ReplyJson> list(Actor actor, @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Integer limit) {
        Page<Reply> page = replies.page(actor, cursor, limit);
        return new Page<>(page.items().stream().map(ReplyJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ReplyJson get(Actor actor, @PathVariable UUID id) {
        return ReplyJson.of(replies.get(actor, id));
    }
}
