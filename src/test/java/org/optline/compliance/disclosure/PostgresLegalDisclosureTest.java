package org.optline.compliance.disclosure;

import org.optline.test.PostgresTest;

/** Legal disclosure on PostgreSQL, as the application role: every client's part is read under its own row-level security. */
@PostgresTest
class PostgresLegalDisclosureTest extends LegalDisclosureContract {}
