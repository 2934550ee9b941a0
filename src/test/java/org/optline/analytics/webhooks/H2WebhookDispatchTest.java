package org.optline.analytics.webhooks;

import org.optline.test.OptlineTest;
import org.springframework.test.context.TestPropertySource;

/** The webhook outbox and dispatcher on embedded H2. */
@OptlineTest
@TestPropertySource(properties = "optline.webhooks.allow-internal=true")
class H2WebhookDispatchTest extends WebhookDispatchContract {}
