package org.optline.platform;

import org.optline.test.OptlineTest;

/** The tenant-isolation harness on embedded H2. */
@OptlineTest
class H2TenantIsolationTest extends TenantIsolationContract {}
