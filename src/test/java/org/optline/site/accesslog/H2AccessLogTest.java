package org.optline.site.accesslog;

import org.optline.test.OptlineTest;

/** The site's access log on embedded H2. */
@OptlineTest
class H2AccessLogTest extends AccessLogContract {}
