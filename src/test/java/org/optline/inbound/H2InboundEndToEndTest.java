package org.optline.inbound;

import org.optline.test.OptlineTest;

/** Inbound mail end to end on embedded H2. */
@OptlineTest
class H2InboundEndToEndTest extends InboundEndToEndContract {}
