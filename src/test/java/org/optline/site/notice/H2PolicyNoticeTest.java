package org.optline.site.notice;

import org.optline.test.OptlineTest;
import org.springframework.test.context.TestPropertySource;

/** Policy-change notices on embedded H2. */
@OptlineTest
@TestPropertySource(properties = "optline.notices.mail-material-changes=true")
class H2PolicyNoticeTest extends PolicyNoticeContract {}
