package org.optline.inbound;

import org.optline.test.PostgresTest;

/** Processing deferred during a burst of inbound mail, on PostgreSQL. */
@PostgresTest
class PostgresInboundBurstTest extends InboundBurstContract {}
