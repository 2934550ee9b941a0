package org.optline.compliance.disclosure;

import org.optline.test.OptlineTest;

/** Legal disclosure on embedded H2. */
@OptlineTest
class H2LegalDisclosureTest extends LegalDisclosureContract {}
