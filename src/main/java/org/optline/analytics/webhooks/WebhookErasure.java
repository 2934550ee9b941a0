package org.optline.analytics.webhooks;

import org.optline.audience.SubscriberErased;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes the waiting webhook events that carry an erased subscriber's address, inside the
 * erasure's own transaction, so no endpoint receives the address after it was erased. Events
 * already delivered are the receiver's; the delivery log never holds addresses.
 */
@Component
class WebhookErasure {

    private static final Actor ERASER = Actor.system("webhooks");

    private final WebhookOutboxStore store;
    private final TenantScope scope;

    WebhookErasure(WebhookOutboxStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @EventListener
    void on(SubscriberErased erased) {
        scope.currentOr(ERASER, () -> store.forgetAddress(erased.clientId(), erased.email()));
    }
}
