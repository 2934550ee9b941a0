package org.optline.delivery.domains;

import org.optline.test.OptlineTest;

/** Verifying sending domains in the DNS, on embedded H2. */
@OptlineTest
class H2DnsDomainChecksTest extends DnsDomainChecksContract {}
