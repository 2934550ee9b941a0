package org.optline.analytics;

import org.optline.test.PostgresTest;

/** Per-recipient events on PostgreSQL, as the plain role row-level security binds. */
@PostgresTest
class PostgresRecipientEventsTest extends RecipientEventsContract {}
