package org.optline.tracking;

import org.optline.test.PostgresTest;

/** Tracking on PostgreSQL (a partitioned events table, row-level security). */
@PostgresTest
class PostgresTrackingTest extends TrackingContract {}
