package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optline.platform.TenantScope;
import org.optline.test.PostgresTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On PostgreSQL the database itself keeps versions as published: row-level security allows no update or delete. */
@PostgresTest
class PostgresPrivacyPoliciesTest extends PrivacyPoliciesContract {

    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;

    @Test
    void aPublishedVersionCannotBeChangedOrRemovedEvenByTheApplicationsRole() {
        String before = policies.version(1).orElseThrow().text();
        int updated = scope.asPlatform(() -> jdbc.sql("update site_policies set body = 'rewritten' where version = 1").update());
        int deleted = scope.asPlatform(() -> jdbc.sql("delete from site_policies where version = 1").update());
        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThat(policies.version(1).orElseThrow().text()).isEqualTo(before);
    }
}
