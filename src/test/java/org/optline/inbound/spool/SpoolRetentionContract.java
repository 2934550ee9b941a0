package org.optline.inbound.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.inbound.InboundMail;
import org.optline.inbound.InboundProperties;
import org.optline.test.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored inbound mail is deleted once it is final and older than the retention (30 days by
 * default), and not before: a message still waiting for processing stays however old it is.
 */
abstract class SpoolRetentionContract {

    @Autowired InboundMail inbound;
    @Autowired SpoolRetention retention;
    @Autowired InboundProperties settings;
    @Autowired JdbcClient jdbc;

    @Test
    void finalMessagesPastTheRetentionAreDeletedAndNothingElse() {
        String old = store("old");
        String recent = store("recent");
        String stuck = store("stuck");
        OffsetDateTime pastRetention = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.retention()).minusDays(1);
        jdbc.sql("update inbound_messages set received_at = :at where sha256 in (:old, :stuck)")
                .param("at", pastRetention).param("old", old).param("stuck", stuck).update();
        jdbc.sql("update inbound_messages set state = 'received' where sha256 = :stuck").param("stuck", stuck).update();

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(stored(old)).isZero();
        assertThat(stored(recent)).isOne();
        assertThat(stored(stuck)).as("not processed yet: kept").isOne();
        assertThat(retention.purge()).as("nothing left to delete").isZero();
    }

    /** Feeds one message through the raw API's path (stored, then processed: unmatched); answers its hash. */
    private String store(String name) {
        byte[] raw = ("From: someone@example.net\r\nTo: b-nobody@bounces.optline.local\r\nSubject: " + name + " "
                + UUID.randomUUID() + "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.net>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        inbound.feedRaw(Fixtures.operator(), raw);
        return InboundStore.sha256(raw);
    }

    private int stored(String sha256) {
        return jdbc.sql("select count(*) from inbound_messages where sha256 = :sha").param("sha", sha256).query(Integer.class).single();
    }
}
