package org.optline.compliance.termination;

import org.optline.test.PostgresTest;

/** Termination (export, link, purge) on PostgreSQL: ctid batches, partitions, row-level security, the ledger's trigger. */
@PostgresTest
class PostgresTerminationTest extends TerminationContract {}
