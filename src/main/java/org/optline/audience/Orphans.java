package org.optline.audience;

import java.util.UUID;
import org.optline.audience.subscribers.OrphanStore;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * Counts the audience rows a foreign key would have refused: memberships without their subscriber
 * or list, memberships naming an import ledger row that is not there, subscribers without their
 * client, consent rows without their subscriber (an erasure deletes the person's ledger with them;
 * an import's own row names no subscriber and is left out). On PostgreSQL these
 * keys were dropped from the import path (docs/audience.md, "Integrity without foreign keys"), so
 * this is the check that the locks and explicit deletes that replace them hold: every count is
 * zero unless they were bypassed. The tests run it after imports, erasures, list deletion and
 * client termination; operators run the same query by hand (docs/operations.md).
 */
@Service
public class Orphans {

    /** Rows whose parent is gone or belongs to another client, per kind. */
    public record Counts(long membershipsWithoutSubscriber, long membershipsWithoutList, long membershipsWithoutConsentRow,
                         long subscribersWithoutClient, long consentWithoutSubscriber) {

        public long total() {
            return membershipsWithoutSubscriber + membershipsWithoutList + membershipsWithoutConsentRow
                    + subscribersWithoutClient + consentWithoutSubscriber;
        }
    }

    private final OrphanStore store;
    private final TenantScope scope;

    Orphans(OrphanStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    /** Across every client, with platform rights: for operators. */
    public Counts count(Actor operator) {
        operator.requireOperator();
        return scope.asPlatform(store::countAll);
    }

    /** One client's rows, in its scope. */
    public Counts count(UUID clientId) {
        return scope.inClient(clientId, () -> store.countOf(clientId));
    }
}
