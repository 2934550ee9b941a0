package org.optline.compliance.standing;

import org.optline.test.OptlineTest;

@OptlineTest
class H2StandingTest extends StandingContract {}
