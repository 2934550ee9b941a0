package org.optline.inbound.actions;

import java.util.UUID;
import java.util.function.BiConsumer;
import org.optline.inbound.InboundResult;
import org.optline.inbound.classify.Classification;

/**
 * Acts on one classified inbound message: matches it to a client, campaign and subscriber and
 * records what follows (bounce, suppression, complaint, unsubscribe, kept reply), then calls
 * {@code markProcessed} with the client it matched (null: none) and the result, <em>inside the
 * transaction that recorded the effects</em>. So a message's effects and its "processed" mark
 * commit together, and a message processed again after a crash changes nothing twice. Work that
 * must run in another scope (platform-wide suppression) runs before that transaction and is
 * idempotent.
 */
public interface MailActions {

    InboundResult apply(StoredMail mail, Classification classification, BiConsumer<UUID, InboundResult> markProcessed);
}
