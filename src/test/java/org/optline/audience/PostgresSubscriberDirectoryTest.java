package org.optline.audience;

import org.optline.test.PostgresTest;

/** The subscribers pages' data layer on PostgreSQL, as the plain application role under row-level security. */
@PostgresTest
class PostgresSubscriberDirectoryTest extends SubscriberDirectoryContract {}
