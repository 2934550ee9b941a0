package org.optline.delivery.outbox;

import org.optline.test.OptlineTest;

/** Outbox search and who reads what, on embedded H2. */
@OptlineTest
class H2OutboxSearchTest extends OutboxSearchContract {}
