package org.optline.inbound;

import org.optline.test.OptlineTest;

/** Processing deferred during a burst of inbound mail, on embedded H2. */
@OptlineTest
class H2InboundBurstTest extends InboundBurstContract {}
