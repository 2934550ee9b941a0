package org.optline.audience.web;

import org.optline.test.OptlineTest;

/** Who can subscribe whom, on embedded H2. */
@OptlineTest
class H2ConsentTest extends ConsentContract {}
