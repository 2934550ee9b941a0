package org.optline.compliance.standing;

import org.optline.test.PostgresTest;

@PostgresTest
class PostgresUnsubscribeLinkAgeTest extends UnsubscribeLinkAgeContract {}
