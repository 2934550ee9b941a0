package org.optline.analytics;

import org.optline.test.OptlineTest;

/** Per-recipient events on embedded H2. */
@OptlineTest
class H2RecipientEventsTest extends RecipientEventsContract {}
