package org.optline.analytics;

import org.optline.test.OptlineTest;

/** Campaign reports on embedded H2. */
@OptlineTest
class H2ReportTest extends ReportContract {}
