package org.optline.site.policy;

import org.optline.test.OptlineTest;

@OptlineTest
class H2PrivacyPoliciesTest extends PrivacyPoliciesContract {}
