package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A list's public subscription form: what it asks, and the consent text it shows (with its version). */
public record SubscriptionForm(UUID id, UUID clientId, UUID listId, boolean enabled, String title, String intro,
                               List<String> fieldKeys, String consentText, int consentVersion,
                               OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
