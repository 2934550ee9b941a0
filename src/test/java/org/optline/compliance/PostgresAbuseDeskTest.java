package org.optline.compliance;

import org.optline.test.PostgresTest;

/** The abuse desk on PostgreSQL, with row-level security in force. */
@PostgresTest
class PostgresAbuseDeskTest extends AbuseDeskContract {}
