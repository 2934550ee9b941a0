package org.optline.inbound;

import org.optline.test.PostgresTest;

/** Inbound mail end to end on PostgreSQL. */
@PostgresTest
class PostgresInboundEndToEndTest extends InboundEndToEndContract {}
