package org.optline.site.abuse;

import org.optline.test.OptlineTest;

/** The site's forms on embedded H2. */
@OptlineTest
class H2AbuseFormTest extends AbuseFormContract {}
