package org.optline.analytics;

import org.optline.test.OptlineTest;

/** Bounces and complaints by mail in the analytics, on embedded H2. */
@OptlineTest
class H2InboundFeedbackTest extends InboundFeedbackContract {}
