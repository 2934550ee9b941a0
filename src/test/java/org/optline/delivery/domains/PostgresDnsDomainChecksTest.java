package org.optline.delivery.domains;

import org.optline.test.PostgresTest;

/** Verifying sending domains in the DNS, on PostgreSQL. */
@PostgresTest
class PostgresDnsDomainChecksTest extends DnsDomainChecksContract {}
