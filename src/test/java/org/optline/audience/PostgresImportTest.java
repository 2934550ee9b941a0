package org.optline.audience;

import org.optline.test.PostgresTest;

/** CSV import on PostgreSQL. */
@PostgresTest
class PostgresImportTest extends ImportContract {}
