package org.optline.delivery.queue;

import org.optline.test.PostgresTest;

/** Sharing rates between nodes, on PostgreSQL under row-level security. */
@PostgresTest
class PostgresSendingNodesTest extends SendingNodesContract {}
