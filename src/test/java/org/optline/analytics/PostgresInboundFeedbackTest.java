package org.optline.analytics;

import org.optline.test.PostgresTest;

/** Bounces and complaints by mail in the analytics, on PostgreSQL, as the plain role row-level security binds. */
@PostgresTest
class PostgresInboundFeedbackTest extends InboundFeedbackContract {}
