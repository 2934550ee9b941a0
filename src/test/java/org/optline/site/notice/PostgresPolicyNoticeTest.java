package org.optline.site.notice;

import org.optline.test.PostgresTest;

/**
 * Policy-change notices on PostgreSQL as the application role: the refresh reads every client's
 * subscribers with platform rights under row-level security, and writes the notices client's rows.
 */
@PostgresTest
class PostgresPolicyNoticeTest extends PolicyNoticeContract {}
