package org.optline.site.notice;

import org.optline.test.OptlineTest;

/** Policy-change notices on embedded H2. */
@OptlineTest
class H2PolicyNoticeTest extends PolicyNoticeContract {}
