package org.optline.inbound.actions;

import org.optline.test.PostgresTest;

/** What inbound mail does, on PostgreSQL as the plain role row-level security binds. */
@PostgresTest
class PostgresMailActionsTest extends MailActionsContract {}
