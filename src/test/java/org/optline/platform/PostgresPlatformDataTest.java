package org.optline.platform;

import org.optline.test.PostgresTest;

/** The platform data layer on PostgreSQL, as the non-superuser application role. */
@PostgresTest
class PostgresPlatformDataTest extends PlatformDataContract {}
