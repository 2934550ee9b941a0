package org.optline.site.abuse;

import org.optline.test.PostgresTest;

/** The site's forms on PostgreSQL, with row-level security in force on the compliance tables. */
@PostgresTest
class PostgresAbuseFormTest extends AbuseFormContract {}
