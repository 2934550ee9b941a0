package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.test.PostgresTest;

/** The audience data layer on PostgreSQL, plus what only PostgreSQL enforces. */
@PostgresTest
class PostgresAudienceDataTest extends AudienceDataContract {

    @Override
    String vendor() {
        return "postgresql";
    }

    @Test
    void theConsentLedgerCannotBeRewritten() {
        var s = subscribers.save(admin, new SubscriberInput("ledger@shop.test", null, Map.of(), List.of(), null), false);
        subscribers.correct(admin, s.subscriber().id(), new Subscribers.Correction(null, null, null, "unsubscribed"));
        assertThatThrownBy(() -> scope.inClient(client.client().id(), () -> jdbc.sql(
                "update consent_events set event = 'subscribed'").update())).hasMessageContaining("append-only");
        assertThatThrownBy(() -> scope.inClient(client.client().id(), () -> jdbc.sql(
                "delete from consent_events").update())).hasMessageContaining("append-only");
    }
}
