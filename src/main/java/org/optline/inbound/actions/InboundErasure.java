package org.optline.inbound.actions;

import org.optline.audience.SubscriberErased;
import org.optline.platform.TenantScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes an erased subscriber's kept replies, complaint reports (which quote the address) and
 * bounces, and empties the raw messages they came from, inside the erasure's own transaction:
 * they commit or roll back together.
 */
@Component
class InboundErasure {

    private final ActionStore store;
    private final TenantScope scope;

    InboundErasure(ActionStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @EventListener
    void on(SubscriberErased erased) {
        if (erased.subscriberId() != null) {
            scope.inClient(erased.clientId(), () -> store.forget(erased.clientId(), erased.subscriberId()));
        }
    }
}
