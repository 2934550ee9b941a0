package org.optline.delivery;

import org.optline.test.OptlineTest;

/** Sending on embedded H2. */
@OptlineTest
class H2SendTest extends SendContract {}
