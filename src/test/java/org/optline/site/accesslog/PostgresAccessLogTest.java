package org.optline.site.accesslog;

import org.optline.test.PostgresTest;

/** The site's access log on PostgreSQL (row-level security: only the platform scope sees it). */
@PostgresTest
class PostgresAccessLogTest extends AccessLogContract {}
