package org.optline.audience;

import org.optline.test.PostgresTest;
import org.springframework.test.context.TestPropertySource;

/** Imports in three-record COPY chunks on PostgreSQL. */
@PostgresTest
@TestPropertySource(properties = {ImportChunksContract.THREE_ROW_CHUNKS_H2, ImportChunksContract.THREE_ROW_CHUNKS_PG})
class PostgresImportChunksTest extends ImportChunksContract {}
