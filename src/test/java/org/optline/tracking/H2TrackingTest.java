package org.optline.tracking;

import org.optline.test.OptlineTest;

/** Tracking on embedded H2. */
@OptlineTest
class H2TrackingTest extends TrackingContract {}
