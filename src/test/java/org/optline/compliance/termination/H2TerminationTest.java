package org.optline.compliance.termination;

import org.optline.test.OptlineTest;

/** Termination (export, link, purge) on embedded H2. */
@OptlineTest
class H2TerminationTest extends TerminationContract {}
