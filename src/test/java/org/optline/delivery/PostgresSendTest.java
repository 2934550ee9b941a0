package org.optline.delivery;

import org.optline.test.PostgresTest;

/** Sending on PostgreSQL (claims with SKIP LOCKED). */
@PostgresTest
class PostgresSendTest extends SendContract {}
