package org.optline.inbound.spool;

import org.optline.test.PostgresTest;

/** Inbound retention on PostgreSQL. */
@PostgresTest
class PostgresSpoolRetentionTest extends SpoolRetentionContract {}
