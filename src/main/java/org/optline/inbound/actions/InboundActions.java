package org.optline.inbound.actions;

import java.util.UUID;
import java.util.function.BiConsumer;
import org.optline.inbound.InboundResult;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * The inbound module's {@link MailActions}: matches a classified message to its send, then hands
 * it to the stage for its kind. Mail that names no send, or only one this installation did not
 * sign, changes nothing and is marked processed in the platform scope as "unmatched".
 */
@Service
class InboundActions implements MailActions {

    private final SendMatcher matcher;
    private final BounceActions bounces;
    private final ComplaintActions complaints;
    private final ReplyActions replies;
    private final TenantScope scope;

    InboundActions(SendMatcher matcher, BounceActions bounces, ComplaintActions complaints, ReplyActions replies,
                   TenantScope scope) {
        this.matcher = matcher;
        this.bounces = bounces;
        this.complaints = complaints;
        this.replies = replies;
        this.scope = scope;
    }

    @Override
    public InboundResult apply(StoredMail mail, Classification c, BiConsumer<UUID, InboundResult> markProcessed) {
        if (c.kind() == MailKind.UNKNOWN) {
            return platform(new InboundResult(c.kind(), c.recipient(), c.status(), "kept: not recognised"), markProcessed);
        }
        SendMatcher.Outcome outcome = matcher.match(mail.envelope(), c);
        SendMatcher.Match m = outcome.match();
        if (m == null) {
            return platform(new InboundResult(c.kind(), c.recipient(), c.status(), "unmatched: " + outcome.unmatched()),
                    markProcessed);
        }
        return switch (c.kind()) {
            case HARD_BOUNCE, SOFT_BOUNCE -> bounces.apply(mail, c, m, markProcessed);
            case COMPLAINT -> complaints.apply(mail, c, m, markProcessed);
            case UNSUBSCRIBE_REQUEST -> replies.unsubscribe(mail, c, m, markProcessed);
            case HUMAN_REPLY -> replies.keep(mail, c, m, markProcessed);
            case AUTO_REPLY -> scope.inClient(m.clientId(), () -> marked(m.clientId(),
                    result(c, m, "ignored: auto-reply"), markProcessed));
            case UNKNOWN -> throw new IllegalStateException("handled above");
        };
    }

    private InboundResult platform(InboundResult result, BiConsumer<UUID, InboundResult> markProcessed) {
        return scope.asPlatform(() -> marked(null, result, markProcessed));
    }

    static InboundResult marked(UUID clientId, InboundResult result, BiConsumer<UUID, InboundResult> markProcessed) {
        markProcessed.accept(clientId, result);
        return result;
    }

    /** The result for a matched message: the address is the subscriber's. */
    static InboundResult result(Classification c, SendMatcher.Match m, String action) {
        return new InboundResult(c.kind(), m.subscriber().email(), c.status(), action);
    }

    /** Text for a column of {@code max} characters. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
