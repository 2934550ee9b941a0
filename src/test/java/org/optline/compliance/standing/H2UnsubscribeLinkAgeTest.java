package org.optline.compliance.standing;

import org.optline.test.OptlineTest;

@OptlineTest
class H2UnsubscribeLinkAgeTest extends UnsubscribeLinkAgeContract {}
