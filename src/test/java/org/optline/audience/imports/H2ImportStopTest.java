package org.optline.audience.imports;

import org.optline.test.OptlineTest;
import org.springframework.test.context.TestPropertySource;

/** A stopped import on embedded H2, in three-record batches. */
@OptlineTest
@TestPropertySource(properties = {"optline.audience.import-batch-size=3", "optline.audience.import-chunk-size=3"})
class H2ImportStopTest extends ImportStopContract {}
