package org.optline.delivery.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.domains.DomainStore;
import org.optline.platform.SecretBox;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;

/**
 * The signer for a client's From domain, loaded from the sending domain's key once and kept:
 * parsing a PKCS#8 key per message would cost more than signing. Keys never change in place
 * (a new key means a new selector); a deleted domain's signer is dropped ({@link #forget}).
 */
@Component
public class DkimKeys {

    private record Key(UUID clientId, String domain) {}

    private final DomainStore store;
    private final TenantScope scope;
    private final boolean enabled;
    private final Map<Key, DkimSigner> signers = new ConcurrentHashMap<>();

    public DkimKeys(DomainStore store, TenantScope scope, DeliveryProperties settings) {
        this.store = store;
        this.scope = scope;
        this.enabled = settings.dkim();
        if (enabled) {
            CryptoProviders.install();
        }
    }

    /** The signer for mail From this address, if DKIM is on and the client set the domain up. */
    public Optional<DkimSigner> forSender(UUID clientId, String fromAddress) {
        if (!enabled) {
            return Optional.empty();
        }
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        // A domain without a key is not remembered: it may be set up a minute later.
        return Optional.ofNullable(signers.computeIfAbsent(new Key(clientId, domain), k -> scope.inClient(clientId,
                () -> store.signingKey(clientId, domain)).map(key -> new DkimSigner(domain, key.selector(), parse(key.privateKey())))
                .orElse(null)));
    }

    /**
     * Drops the signer of a domain the client deleted, on this node; another node keeps its copy
     * until it restarts (docs/delivery.md), which is harmless while the domain is gone: mail From it
     * is refused by the send checklist and the relay rule first.
     */
    public void forget(UUID clientId, String domain) {
        signers.remove(new Key(clientId, domain.toLowerCase(Locale.ROOT)));
    }

    private static PrivateKey parse(String pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretBox.UnreadableSecret("The stored DKIM key is not an RSA key in PKCS#8");
        }
    }
}
