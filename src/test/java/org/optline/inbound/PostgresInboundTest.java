package org.optline.inbound;

import org.optline.test.PostgresTest;

/** Inbound listener, store and processing on PostgreSQL (SKIP LOCKED claims, the application role). */
@PostgresTest
class PostgresInboundTest extends InboundContract {}
