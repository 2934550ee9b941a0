package org.optline.audience;

import org.optline.test.OptlineTest;

/** CSV import on embedded H2. */
@OptlineTest
class H2ImportTest extends ImportContract {}
