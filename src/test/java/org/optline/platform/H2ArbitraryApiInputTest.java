package org.optline.platform;

import org.optline.test.OptlineTest;

/** Arbitrary input to every API route on embedded H2. */
@OptlineTest
class H2ArbitraryApiInputTest extends ArbitraryApiInputContract {}
