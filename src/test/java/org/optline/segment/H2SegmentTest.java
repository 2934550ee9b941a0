package org.optline.segment;

import org.optline.test.OptlineTest;

/** Segment counts on embedded H2. */
@OptlineTest
class H2SegmentTest extends SegmentContract {}
