package org.optline.audience;

import org.optline.test.OptlineTest;
import org.springframework.test.context.TestPropertySource;

/** Imports in three-record batches on embedded H2. */
@OptlineTest
@TestPropertySource(properties = {ImportChunksContract.THREE_ROW_CHUNKS_H2, ImportChunksContract.THREE_ROW_CHUNKS_PG})
class H2ImportChunksTest extends ImportChunksContract {}
