package org.optline.delivery.outbox;

import org.optline.audience.SubscriberErased;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deletes captured mail to an erased subscriber, once the erasure has committed. (Without a
 * durable event registry yet, a crash between the two leaves the mail; the outbox is the
 * development transport, and the gap is noted in docs/audience.md.)
 */
@Component
class OutboxErasure {

    private final OutboxStore store;
    private final TenantScope scope;

    OutboxErasure(OutboxStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(SubscriberErased event) {
        scope.asPlatform(() -> store.forgetRecipient(event.clientId(), event.email()));
    }
}
