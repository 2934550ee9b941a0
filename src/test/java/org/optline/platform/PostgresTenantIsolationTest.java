package org.optline.platform;

import org.optline.test.PostgresTest;

/** The tenant-isolation harness on PostgreSQL with row-level security in force. */
@PostgresTest
class PostgresTenantIsolationTest extends TenantIsolationContract {}
