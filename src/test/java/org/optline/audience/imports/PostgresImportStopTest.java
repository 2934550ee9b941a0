package org.optline.audience.imports;

import org.optline.test.PostgresTest;
import org.springframework.test.context.TestPropertySource;

/** A stopped import on PostgreSQL, in three-record COPY chunks. */
@PostgresTest
@TestPropertySource(properties = {"optline.audience.import-batch-size=3", "optline.audience.import-chunk-size=3"})
class PostgresImportStopTest extends ImportStopContract {}
