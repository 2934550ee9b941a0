package org.optline.analytics.webhooks;

import org.optline.test.PostgresTest;
import org.springframework.test.context.TestPropertySource;

/** The webhook outbox and dispatcher on PostgreSQL (row-level security, SKIP LOCKED claims). */
@PostgresTest
@TestPropertySource(properties = "optline.webhooks.allow-internal=true")
class PostgresWebhookDispatchTest extends WebhookDispatchContract {}
