package org.optline.delivery.outbox;

import org.optline.test.PostgresTest;

/** Outbox search and who reads what, on PostgreSQL, as a role row-level security binds. */
@PostgresTest
class PostgresOutboxSearchTest extends OutboxSearchContract {}
