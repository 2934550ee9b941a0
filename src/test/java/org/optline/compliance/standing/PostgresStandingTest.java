package org.optline.compliance.standing;

import org.optline.test.PostgresTest;

@PostgresTest
class PostgresStandingTest extends StandingContract {}
