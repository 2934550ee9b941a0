package org.optline.platform;

import org.optline.test.PostgresTest;

/** A suspended client is read-only, on PostgreSQL with row-level security in force. */
@PostgresTest
class PostgresSuspendedClientTest extends SuspendedClientContract {}
