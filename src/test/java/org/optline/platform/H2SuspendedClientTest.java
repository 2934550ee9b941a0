package org.optline.platform;

import org.optline.test.OptlineTest;

/** A suspended client is read-only, on embedded H2. */
@OptlineTest
class H2SuspendedClientTest extends SuspendedClientContract {}
