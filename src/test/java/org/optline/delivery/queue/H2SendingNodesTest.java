package org.optline.delivery.queue;

import org.optline.test.OptlineTest;

/** Sharing rates between nodes, on embedded H2. */
@OptlineTest
class H2SendingNodesTest extends SendingNodesContract {}
