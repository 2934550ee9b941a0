package org.optline.analytics;

import org.optline.test.PostgresTest;

/** Campaign reports on PostgreSQL, as the plain role row-level security binds. */
@PostgresTest
class PostgresReportTest extends ReportContract {}
