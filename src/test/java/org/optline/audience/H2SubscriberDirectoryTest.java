package org.optline.audience;

import org.optline.test.OptlineTest;

/** The subscribers pages' data layer on embedded H2. */
@OptlineTest
class H2SubscriberDirectoryTest extends SubscriberDirectoryContract {}
