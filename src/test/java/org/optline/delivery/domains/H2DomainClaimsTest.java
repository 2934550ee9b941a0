package org.optline.delivery.domains;

import org.optline.test.OptlineTest;

/** Sending-domain claims on embedded H2. */
@OptlineTest
class H2DomainClaimsTest extends DomainClaimsContract {}
