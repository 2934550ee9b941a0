package org.optline.audience.web;

import org.optline.test.PostgresTest;

/** Who can subscribe whom, on PostgreSQL (row-level security applies). */
@PostgresTest
class PostgresConsentTest extends ConsentContract {}
