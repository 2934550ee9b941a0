package org.optline.audience;

import java.time.OffsetDateTime;

/** An address the client (or the whole platform) must never mail. {@code email} is null once erased. */
public record Suppression(String emailHash, String email, String reason, String source, boolean platformWide,
                          OffsetDateTime createdAt) {}
