package org.optline.audience;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.imports.ImportStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * One subscriber's consent evidence for the operator's abuse desk: the consent ledger as it
 * stands, and each import the ledger names with its attestation and file hash. Tenant-scoped: it
 * reads one client's rows, by that client's id, and answers nothing for another client's
 * subscriber. No user is checked here; the caller (the compliance module) admits operators only.
 */
@Service
public class ConsentEvidence {

    /** The subscriber as they are now, their ledger in order, and the imports it names. */
    public record Record(UUID subscriberId, String email, SubscriberStatus status, List<ConsentEvent> ledger,
                         List<ImportJob> imports) {}

    private final SubscriberStore subscribers;
    private final ConsentStore consent;
    private final ImportStore imports;
    private final TenantScope scope;

    ConsentEvidence(SubscriberStore subscribers, ConsentStore consent, ImportStore imports, TenantScope scope) {
        this.subscribers = subscribers;
        this.consent = consent;
        this.imports = imports;
        this.scope = scope;
    }

    /** The evidence about one of the client's subscribers; empty when there is none (unknown or erased). */
    public Optional<Record> of(UUID clientId, UUID subscriberId) {
        return scope.inClient(clientId, () -> subscribers.find(clientId, subscriberId).map(row -> {
            List<ConsentEvent> ledger = consent.ledger(clientId, row.id());
            Set<UUID> importIds = new LinkedHashSet<>();
            for (ConsentEvent e : ledger) {
                if (e.sourceKind() == ConsentChannel.IMPORT && e.sourceId() != null) {
                    try {
                        importIds.add(UUID.fromString(e.sourceId()));
                    } catch (IllegalArgumentException notAnImportId) {
                        // A ledger line of an import always names it by id; anything else names no import row.
                    }
                }
            }
            List<ImportJob> jobs = new ArrayList<>();
            importIds.forEach(id -> imports.find(clientId, id).ifPresent(r -> jobs.add(r.job())));
            return new Record(row.id(), row.email(), row.status(), ledger, List.copyOf(jobs));
        }));
    }

    /** The id of the client's subscriber with this address, if the client has one. */
    public Optional<UUID> subscriberWithEmail(UUID clientId, String rawEmail) {
        EmailAddress.Parse parse = EmailAddress.parse(rawEmail);
        if (!parse.ok()) {
            return Optional.empty();
        }
        return scope.inClient(clientId, () -> subscribers.findByKey(clientId, parse.address().key()).map(r -> r.id()));
    }
}
