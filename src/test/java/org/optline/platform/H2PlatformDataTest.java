package org.optline.platform;

import org.optline.test.OptlineTest;

/** The platform data layer on embedded H2. */
@OptlineTest
class H2PlatformDataTest extends PlatformDataContract {}
