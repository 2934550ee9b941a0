package org.optline.delivery.domains;

import org.optline.test.PostgresTest;

/** Sending-domain claims on PostgreSQL, where row-level security hides other clients' claims from a client. */
@PostgresTest
class PostgresDomainClaimsTest extends DomainClaimsContract {}
