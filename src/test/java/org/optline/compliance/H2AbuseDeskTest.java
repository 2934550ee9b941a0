package org.optline.compliance;

import org.optline.test.OptlineTest;

/** The abuse desk on embedded H2. */
@OptlineTest
class H2AbuseDeskTest extends AbuseDeskContract {}
