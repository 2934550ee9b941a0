package org.optline.delivery.secrets;

import org.optline.delivery.domains.DomainStore;
import org.optline.delivery.relays.RelayStore;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seals, once the node is up, the DKIM keys and relay passwords stored in the clear before
 * secrets were sealed. Until then the stores read such a value as it is, so nothing waits on this.
 */
@Component
class PlainSecretsUpgrade {

    private static final Logger log = LoggerFactory.getLogger(PlainSecretsUpgrade.class);

    private final DomainStore domains;
    private final RelayStore relays;
    private final TenantScope scope;

    PlainSecretsUpgrade(DomainStore domains, RelayStore relays, TenantScope scope) {
        this.domains = domains;
        this.relays = relays;
        this.scope = scope;
    }

    /** Never stops the start: what is not sealed stays readable, and the next start tries again. */
    @EventListener(ApplicationReadyEvent.class)
    void sealPlainSecrets() {
        try {
            int keys = scope.asPlatform(domains::sealPlainKeys);
            int passwords = scope.asPlatform(relays::sealPlainPasswords);
            if (keys + passwords > 0) {
                log.info("Sealed {} DKIM private keys and {} relay passwords that were stored in the clear", keys, passwords);
            }
        } catch (RuntimeException e) {
            log.error("Could not seal the secrets stored in the clear; the next start tries again", e);
        }
    }
}
