package org.optline.delivery.secrets;

import org.optline.test.PostgresTest;

/** Sealed secrets on PostgreSQL, under row-level security. */
@PostgresTest
class PostgresSealedSecretsTest extends SealedSecretsContract {}
