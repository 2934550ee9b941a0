package org.optline.inbound.spool;

import org.optline.test.OptlineTest;

/** Inbound retention on embedded H2. */
@OptlineTest
class H2SpoolRetentionTest extends SpoolRetentionContract {}
