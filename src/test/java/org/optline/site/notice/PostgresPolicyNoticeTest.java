package org.optline.site.notice;

import org.optline.test.PostgresTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Policy-change notices on PostgreSQL as the application role: the refresh reads every client's
 * subscribers with platform rights under row-level security, and writes the notices client's rows.
 */
@PostgresTest
@TestPropertySource(properties = "optline.notices.mail-material-changes=true")
class PostgresPolicyNoticeTest extends PolicyNoticeContract {}
