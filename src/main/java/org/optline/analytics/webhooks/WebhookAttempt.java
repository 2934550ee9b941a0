package org.optline.analytics.webhooks;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One attempt in an endpoint's delivery log.
 *
 * @param messageId  the event's {@code webhook-id}, the same on every attempt
 * @param statusCode the endpoint's HTTP status, or null when no answer came
 * @param responseMs how long the answer took (or the attempt, when none came)
 * @param error      why the attempt failed without an answer, or null
 * @param outcome    {@code delivered}, {@code retrying} (another attempt follows) or {@code failed} (given up)
 */
record WebhookAttempt(UUID id, UUID messageId, String type, int attempt, OffsetDateTime at, Integer statusCode,
                      Integer responseMs, String error, String outcome) {}
