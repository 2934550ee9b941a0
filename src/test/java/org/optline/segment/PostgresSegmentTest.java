package org.optline.segment;

import org.optline.test.PostgresTest;

/** Segment counts on PostgreSQL: the same numbers as on H2. */
@PostgresTest
class PostgresSegmentTest extends SegmentContract {}
