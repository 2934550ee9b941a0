package org.optline.compliance.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optline.audience.EmailAddress;
import org.optline.audience.subscribers.SubscriberStore;
import org.optline.test.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Legal disclosure on PostgreSQL, as the application role: every client's part is read under its
 * own row-level security, and the one cross-client statement sees across clients only with
 * platform rights.
 */
@PostgresTest
class PostgresLegalDisclosureTest extends LegalDisclosureContract {

    @Autowired SubscriberStore store;

    @Test
    void theCrossClientStatementSeesOneClientWithItsRightsAndNothingWithout() {
        EmailAddress address = EmailAddress.of("email", email);
        assertThat(scope.asPlatform(() -> store.clientsHolding(address))).extracting(SubscriberStore.Holding::clientId)
                .containsExactly(alpha.client().client().id(), bravo.client().client().id());
        assertThat(scope.inClient(alpha.client().client().id(), () -> store.clientsHolding(address)))
                .as("row-level security confines it to the client whose transaction it runs in")
                .extracting(SubscriberStore.Holding::subscriberId).containsExactly(alpha.subscriberId());
        assertThat(store.clientsHolding(address)).as("outside any scope no policy admits a row").isEmpty();
    }
}
