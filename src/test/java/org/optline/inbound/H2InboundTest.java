package org.optline.inbound;

import org.optline.test.OptlineTest;

/** Inbound listener, store and processing on embedded H2. */
@OptlineTest
class H2InboundTest extends InboundContract {}
